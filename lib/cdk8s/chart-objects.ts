import { ApiObject, Chart, DependencyGraph } from 'cdk8s';

/**
 * The chart's objects in the order `app.synth()` writes them: cdk8s's dependency order, which is the construct tree's
 * order when no construct depends on another (then the graph, built per construct, is skipped).
 */
export function chartObjects(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  const ordered = all.some((c) => c.node.dependencies.length > 0) ? new DependencyGraph(chart.node).topology() : all;
  return ordered.filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart);
}
