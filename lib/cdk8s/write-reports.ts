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
    if (c instanceof EmqxCluster) reports.push([findingsReportName(c.spec.namespace, c.spec.name), findingsJson(c.checks.results())]);
    if (c instanceof Federation) reports.push(...diagramReports(c.spec.name, c.diagram, c.fullDiagram));
  }
  return writeReportFiles(dir, reports);
}

/** The findings report's file name for one cluster. @internal */
export function findingsReportName(namespace: string, cluster: string): string {
  return `emqx-findings.${namespace}.${cluster}.json`;
}

/** The diagram's file name for one federation. @internal */
export function diagramReportName(federation: string): string {
  return `${federation}.federation.mmd`;
}

/** The diagram report files: `<federation>.federation.mmd`, plus `.federation.full.mmd` when the first groups plants. @internal */
export function diagramReports(federation: string, diagram: string, fullDiagram: string): [string, string][] {
  return diagram === fullDiagram ? [[diagramReportName(federation), diagram]] : [[diagramReportName(federation), diagram], [`${federation}.federation.full.mmd`, fullDiagram]];
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
