import { ManifestObject } from './emqx-check';

/** The StatefulSets and Deployments among the objects. */
export function workloads(objects: readonly ManifestObject[]): ManifestObject[] {
  return objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment');
}

/** Every container of every workload, with the workload it belongs to. */
export function containers(objects: readonly ManifestObject[]): { workload: ManifestObject; container: any }[] {
  return workloads(objects).flatMap((w) => (w.spec?.template?.spec?.containers ?? []).map((container: any) => ({ workload: w, container })));
}

/** Whether a label selector's `matchLabels` select a set of labels (matchExpressions are not used by the library). */
export function selects(selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string> | undefined): boolean {
  const want = Object.entries(selector?.matchLabels ?? {});
  return want.length > 0 && want.every(([k, v]) => labels?.[k] === v);
}

/** `Kind/name` for messages. */
export function ref(o: ManifestObject): string {
  return `${o.kind}/${o.metadata.name}`;
}
