import { ManifestObject } from './emqx-check';

/**
 * The EMQX Operator's pod templates of an `EMQX` resource, each as a workload-shaped object
 * (`EMQX/<name> coreTemplate`) with the pod template the operator builds from it: the template's
 * labels, one `emqx` container with the resource's image and the template's env, then its extra and init containers. `operatorPdb` is the
 * template's `maxUnavailable`/`minAvailable`, from which the operator makes the role's PDB, and
 * `volumeClaimTemplates` its core PVC spec.
 */
export function operatorWorkloads(o: ManifestObject): ManifestObject[] {
  if (o.kind !== 'EMQX') return [];
  return (['coreTemplate', 'replicantTemplate'] as const)
    .filter((t) => o.spec?.[t])
    .map((t) => {
      const tmpl = o.spec[t];
      return {
        apiVersion: o.apiVersion,
        kind: 'EMQX',
        metadata: { name: `${o.metadata.name} ${t}`, namespace: o.metadata.namespace },
        spec: {
          operatorPdb: tmpl.spec?.maxUnavailable ?? tmpl.spec?.minAvailable,
          volumeClaimTemplates: tmpl.spec?.volumeClaimTemplates ? [{ metadata: { name: 'data' }, spec: tmpl.spec.volumeClaimTemplates }] : undefined,
          template: {
            metadata: tmpl.metadata ?? {},
            spec: {
              containers: [{ name: 'emqx', image: o.spec.image, env: tmpl.spec?.env }, ...(tmpl.spec?.extraContainers ?? [])],
              initContainers: tmpl.spec?.initContainers,
            },
          },
        },
      };
    });
}

/** The StatefulSets and Deployments among the objects, and the pod templates of EMQX Operator resources. */
export function workloads(objects: readonly ManifestObject[]): ManifestObject[] {
  return objects.flatMap((o) => (o.kind === 'StatefulSet' || o.kind === 'Deployment' ? [o] : operatorWorkloads(o)));
}

/** Every container of every workload (init containers and sidecars included), with the workload it belongs to. */
export function containers(objects: readonly ManifestObject[]): { workload: ManifestObject; container: any }[] {
  return workloads(objects).flatMap((w) => [...(w.spec?.template?.spec?.initContainers ?? []), ...(w.spec?.template?.spec?.containers ?? [])]
    .map((container: any) => ({ workload: w, container })));
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
