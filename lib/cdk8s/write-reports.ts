import * as fs from 'node:fs';
import * as path from 'node:path';
import { IConstruct } from 'constructs';
import { findingsJson } from '../checks/findings-report';
import { EmqxCluster } from './emqx-cluster';
import { Federation } from './federation';

/**
 * Writes the reports of every cluster and federation under `scope` (usually the App, after
 * `app.synth()`) into `dir`, and nothing anywhere else: `emqx-findings.<namespace>.<cluster>.json` per
 * cluster and `<federation>.federation.mmd` (Mermaid) per federation. Synthesis itself writes manifests
 * only, so keep `dir` out of any folder a GitOps tool applies (Argo CD and Flux directory sources and
 * `kubectl apply -f` read `.json` files as manifests too).
 *
 * @returns the files written
 * @example
 * app.synth();
 * writeReports(app, 'reports');
 */
export function writeReports(scope: IConstruct, dir: string): string[] {
  const reports: [string, string][] = [];
  for (const c of scope.node.findAll()) {
    if (c instanceof EmqxCluster) reports.push(findingsReport(c));
    if (c instanceof Federation) reports.push(...diagramReports(c.spec.name, c.diagram, c.fullDiagram));
  }
  return writeReportFiles(dir, reports);
}

/** One cluster's findings report: `[emqx-findings.<namespace>.<cluster>.json, its JSON]`. @internal */
export function findingsReport(c: EmqxCluster): [string, string] {
  return [`emqx-findings.${c.spec.namespace}.${c.spec.name}.json`, findingsJson(c.checks.results())];
}

/** The diagram report files: `<federation>.federation.mmd`, plus `.federation.full.mmd` when the first groups plants. @internal */
export function diagramReports(federation: string, diagram: string, fullDiagram: string): [string, string][] {
  const grouped = diagram !== fullDiagram;
  return [[`${federation}.federation.mmd`, diagram], ...(grouped ? [[`${federation}.federation.full.mmd`, fullDiagram] as [string, string]] : [])];
}

/** Writes `[file name, text]` pairs into `dir` (created when missing); returns the paths. @internal */
export function writeReportFiles(dir: string, reports: [string, string][]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return reports.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}
