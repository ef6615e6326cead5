import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/** A Kubernetes object type with its group version and kind (kubernetes-types declares both optional). */
interface Typed {
  readonly apiVersion?: string;
  readonly kind?: string;
}

/** `T` as a manifest: its `apiVersion` and `kind` given. */
export type KubeManifest<T extends Typed> = T & { readonly apiVersion: NonNullable<T['apiVersion']>; readonly kind: NonNullable<T['kind']> };

/**
 * A Kubernetes object of the cluster's tree, written as the API server reads it: Kubernetes JSON (typed with
 * kubernetes-types for the built-in kinds, and with lib/cdk8s/*-api.ts for the CRDs), held by a plain cdk8s
 * `ApiObject`.
 *
 * Not cdk8s's generated (L1) classes: those take camelCase props and convert them after the JSON patches are
 * applied, so `addJsonPatch` had to use their prop names (`/spec/clusterIp`, not `/spec/clusterIP`) and a patch of a
 * field newer than their Kubernetes release (`/spec/trafficDistribution` on a 1.28 class) was silently dropped; with
 * Kubernetes JSON underneath, a patch reaches the manifest as written (test/cdk8s/kube-object.test.ts). The
 * conversion also cost a quarter of synthesis time (docs/PERFORMANCE.md), and the classes a third of the start-up.
 */
export function kubeObject<T extends Typed>(scope: Construct, id: string, manifest: KubeManifest<T>): ApiObject {
  return new ApiObject(scope, id, manifest as unknown as ApiObjectProps);
}
