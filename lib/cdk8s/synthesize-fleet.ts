import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { Finding } from '../checks/emqx-check';
import { blockingFindings } from '../checks/run-checks';
import { federationDiagrams } from '../federation/federation-diagram';
import { FederationSpec, resolveFederation } from '../federation/federation-spec';
import { chartObjects } from './chart-objects';
import { FINDINGS_TABLE_CONTEXT } from './checks-validation';
import { EmqxCluster } from './emqx-cluster';
import { EmqxSpecError, EmqxSpecErrors } from '../validation/emqx-spec-error';
import { BackgroundFileWriter } from './background-file-writer';
import { manifestYaml } from './manifest-yaml';
import { diagramReports, findingsReport, writeReportFiles } from './write-reports';

/** Where {@link synthesizeFleet} writes. */
export interface FleetSynthesisOptions {
  /** The manifests folder: one `<federation>-<site>.k8s.yaml` per site, and nothing else. */
  readonly outdir: string;
  /**
   * Where the reports go: `emqx-findings.<namespace>.<site>.json` per site and `<federation>.federation.mmd`.
   * Keep it out of any folder a GitOps tool applies.
   * @default - no report files (the findings and the diagram are in the result)
   */
  readonly reportsDir?: string;
}

/** What {@link synthesizeFleet} wrote. */
export interface FleetSynthesis {
  /** Manifest files, one per site (`<federation>-<site>.k8s.yaml`). */
  readonly files: string[];
  /** Every site's findings. */
  readonly findings: Finding[];
  /** The federation's Mermaid diagram. */
  readonly diagram: string;
  /** The report files written to `reportsDir` (none without it). */
  readonly reports: string[];
}

/**
 * Synthesizes a federation site by site, in time linear in the number of plants. cdk8s validates the
 * whole App each time it writes a chart, so one App holding a thousand plant charts costs quadratic
 * time; here each site gets its own small App (its checks run in it, once), is written, and is dropped.
 * Cross-site rules (names, routes, loops, the hub ACL and listener both ends rely on) are checked once,
 * up front, when the federation is resolved. The output is what the `Federation` construct synthesizes
 * (the same objects; written by {@link manifestYaml}, which quotes more and is about 10× faster than cdk8s's
 * writer), and with `reportsDir` what `writeReports()` writes for it. From 16 sites on, the files are formatted and
 * written on a worker thread while the next sites are built (a third of a 1000-plant
 * fleet's time on a 2-core machine); the function still returns only when every file is written, and throws the first
 * write error.
 */
export function synthesizeFleet(spec: FederationSpec, options: FleetSynthesisOptions): FleetSynthesis {
  const federation = resolveFederation(spec);
  fs.mkdirSync(options.outdir, { recursive: true });
  const sites = [{ name: federation.hub.name, spec: federation.hub }, ...federation.plants];
  const files: string[] = [];
  const findings: Finding[] = [];
  const siteReports: [string, string][] = [];
  // the files are formatted and written on a worker thread while the next sites are built
  const writer = new BackgroundFileWriter(sites.length, manifestYaml, { path: require.resolve('./manifest-yaml'), exportName: 'manifestYaml' });
  // every site is built; the spec problems of all of them are reported together, each naming its site
  try {
    EmqxSpecErrors.collect(sites.map((site) => () => EmqxSpecError.inside(site.name === federation.hub.name ? 'hub' : `plants.${site.name}`, () => {
      const app = new App({ outdir: options.outdir });
      app.node.setContext(FINDINGS_TABLE_CONTEXT, false);
      const id = `${federation.name}-${site.name}`;
      const chart = new Chart(app, id, { namespace: site.spec.namespace ?? site.name, disableResourceNameHashes: true });
      const cluster = new EmqxCluster(chart, 'Emqx', site.spec);
      // what app.synth() does for one chart, with each object rendered once (not once for the checks and
      // again for the file) and the app validated once (not once more per chart written)
      const objects = chartObjects(chart).map((o) => o.toJson());
      cluster.checks.useObjects(objects);
      const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
      if (errors.length) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
      const file = path.join(options.outdir, `${id}.k8s.yaml`);
      writer.writeDocuments(file, objects);
      files.push(file);
      findings.push(...cluster.checks.results());
      if (options.reportsDir !== undefined) siteReports.push(findingsReport(cluster));
    })));
  } catch (e) {
    // the sites that were built are written, as without the worker; the spec's problems are what to report
    try {
      writer.finish();
    } catch {
      // a write error as well: the spec error comes first
    }
    throw e;
  }
  writer.finish();
  const { diagram, full: fullDiagram } = federationDiagrams(federation);
  const blocking = blockingFindings(findings);
  if (blocking.length) throw new Error(`checks failed: ${blocking.map((f) => `${f.id} (${f.cluster}): ${f.message}`).join('; ')}`);
  const reports = options.reportsDir === undefined ? [] : writeReportFiles(options.reportsDir, [...siteReports, ...diagramReports(federation.name, diagram, fullDiagram)]);
  return { files, findings, diagram, reports };
}

