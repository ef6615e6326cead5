import { App, Chart } from 'cdk8s';
import { Finding } from '../checks/emqx-check';
import { blockingFindings } from '../checks/run-checks';
import { FINDINGS_TABLE_CONTEXT } from '../cdk8s/checks-validation';
import { EmqxCluster } from '../cdk8s/emqx-cluster';

/** One chart rendered in memory: its objects and the checks of the clusters in it. */
export interface RenderedChart {
  /** The chart's id (`<federation>-<site>`, or the id the build gave it). */
  readonly id: string;
  /** The chart's namespace. @default - none */
  readonly namespace?: string;
  /** The chart's objects, as `cdk8s synth` writes them. */
  readonly objects: Record<string, any>[];
  /** The clusters in the chart. */
  readonly clusters: EmqxCluster[];
  /** Their findings. */
  readonly findings: Finding[];
}

/**
 * Builds cdk8s charts in memory, exactly as `cdk8s synth` would, without writing anything: the
 * findings go to the caller (the Pulumi components log them) instead of stderr; no file is written. Throws on
 * unacknowledged check errors, naming them.
 */
export function renderInMemory(build: (app: App) => void): RenderedChart[] {
  const app = new App({ outdir: '.' });
  app.node.setContext(FINDINGS_TABLE_CONTEXT, false);
  build(app);
  const charts = app.charts.map((chart: Chart) => {
    const clusters = chart.node.findAll().filter((c): c is EmqxCluster => c instanceof EmqxCluster);
    return { chart, clusters, findings: clusters.flatMap((c) => c.checks.results()) };
  });
  const blocking = charts.flatMap((c) => blockingFindings(c.findings));
  if (blocking.length) throw new Error(blocking.map((f) => `${f.id} (${f.cluster}): ${f.message}. Fix: ${f.fix}`).join('; '));
  return charts.map(({ chart, clusters, findings }) => ({ id: chart.node.id, namespace: chart.namespace, objects: chart.toJson(), clusters, findings }));
}
