import { ApiObject, Chart } from 'cdk8s';
import { IValidation } from 'constructs';

/**
 * Fails synthesis when two objects of a chart share API group, kind, namespace and name: `kubectl apply`
 * (and every GitOps tool) would silently keep only the last one, e.g. a Service replacing the headless
 * discovery Service, after which the cluster cannot form. Not acknowledgeable: the output is wrong.
 */
export class UniqueObjectsValidation implements IValidation {
  constructor(private readonly chart: Chart) {}

  public validate(): string[] {
    const seen = new Map<string, string>();
    const errors: string[] = [];
    for (const c of this.chart.node.findAll()) {
      if (!ApiObject.isApiObject(c) || Chart.of(c) !== this.chart) continue;
      const group = c.apiVersion.includes('/') ? c.apiVersion.split('/')[0] : 'core';
      const namespace = c.metadata.namespace ?? this.chart.namespace ?? '';
      const key = `${group}/${c.kind}/${namespace}/${c.name}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push(`two objects are ${c.kind} '${c.name}' in namespace '${namespace}' (${first} and ${c.node.path}): applying them keeps only the last. Rename one of them`);
      } else {
        seen.set(key, c.node.path);
      }
    }
    return errors;
  }
}
