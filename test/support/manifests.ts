import { App, Chart, Testing } from 'cdk8s';

/** A synthesized Kubernetes object, loosely typed for assertions. */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: any };

/** Synthesizes a chart (running every validation) into plain objects. */
export function synth(chart: Chart): K8sObject[] {
  return Testing.synth(chart) as K8sObject[];
}

/** The one object of a kind and name; fails the test when there is none or more than one. */
export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) {
    const have = objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ');
    throw new Error(`expected exactly one ${kind}/${name}, found ${found.length}; objects: ${have}`);
  }
  return found[0];
}

/** All objects of a kind. */
export function objectsOfKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/** The EMQX container of a workload. */
export function emqxContainer(workload: K8sObject): any {
  const c = workload.spec.template.spec.containers.find((x: any) => x.name === 'emqx');
  if (!c) throw new Error(`${workload.kind}/${workload.metadata.name} has no emqx container`);
  return c;
}

/** The env var of a container by name. */
export function envVar(container: any, name: string): any {
  return (container.env ?? []).find((e: any) => e.name === name);
}

/** A fresh chart in a namespace, with stable names as the library's users create them. */
export function testChart(namespace = 'iot'): Chart {
  return new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
}

/** Builds an example into a fresh app and synthesizes every chart it made (running every validation). */
export function synthExample(build: (app: App) => unknown): K8sObject[] {
  const app = Testing.app();
  build(app);
  return app.charts.flatMap((c) => c.toJson() as K8sObject[]);
}

/** Builds an example into a fresh app and returns its charts. */
export function exampleCharts(build: (app: App) => unknown): Chart[] {
  const app = Testing.app();
  build(app);
  return app.charts;
}
