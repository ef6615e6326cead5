import { ApiObject, ApiObjectProps, App, IResolver, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
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
 * kubernetes-types for the built-in kinds, and with lib/cdk8s/*-api.ts for the CRDs), held by a cdk8s `ApiObject`.
 *
 * Not cdk8s's generated (L1) classes: those take camelCase props and convert them after the JSON patches are
 * applied, so `addJsonPatch` had to use their prop names (`/spec/clusterIp`, not `/spec/clusterIP`) and a patch of a
 * field newer than their Kubernetes release (`/spec/trafficDistribution` on a 1.28 class) was silently dropped; with
 * Kubernetes JSON underneath, a patch reaches the manifest as written (test/cdk8s/kube-object.test.ts).
 */
export function kubeObject<T extends Typed>(scope: Construct, id: string, manifest: KubeManifest<T>): ApiObject {
  return new KubeObject(scope, id, manifest as unknown as ApiObjectProps);
}

/** Whether a resolver is one every cdk8s App has (Lazy values, implicit tokens, number-or-string unions). */
function builtIn(r: IResolver): boolean {
  return r instanceof LazyResolver || r instanceof ImplicitTokenResolver || r instanceof NumberStringUnionResolver;
}

/** What {@link plainJson} returns for a value it leaves to cdk8s. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * What cdk8s's `ApiObject.toJson()` returns, in one pass instead of two for the common case. cdk8s resolves every
 * value through the App's resolvers (finding the App, allocating a context and a key path per value) and then copies
 * the tree again to drop empty values and sort keys; that was a third of a fleet's synthesis time. Here an object
 * that holds only JSON data and `Lazy` values (all the library writes), with no JSON patch and no resolver of the
 * user's, is resolved, cleaned and sorted in a single walk; anything else (a patch, a token, a class instance, a
 * custom resolver) goes to cdk8s's own `toJson()`, unchanged. test/cdk8s/kube-object.test.ts checks the two agree on
 * every object of every example and on random values, with cdk8s's result as the oracle.
 */
class KubeObject extends ApiObject {
  private readonly manifest: ApiObjectProps;
  private patched = false;

  constructor(scope: Construct, id: string, manifest: ApiObjectProps) {
    super(scope, id, manifest);
    this.manifest = manifest;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    if (this.patched || !App.of(this).resolvers.every(builtIn)) return super.toJson();
    let json: unknown;
    try {
      json = plainJson({ ...this.manifest, metadata: this.metadata.toJson() }, !process.env.CDK8S_DISABLE_SORT);
    } catch {
      // a Lazy that throws: cdk8s's toJson() reports it, with the construct's path
      return super.toJson();
    }
    if (json === NOT_PLAIN) return super.toJson();
    const data = json as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(data)]) {
      if (key in data) result[key] = data[key];
    }
    return result;
  }
}

/**
 * A value as cdk8s's resolve-then-sanitize leaves it: `Lazy` values produced, `null`/`undefined` dropped from maps
 * (and `undefined` in lists), map keys sorted when `sort`; {@link NOT_PLAIN} for anything else cdk8s would resolve or
 * refuse (tokens with `resolve()`, class instances, functions, symbols).
 */
function plainJson(value: unknown, sort: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (value instanceof Lazy) return plainJson(value.produce(), sort);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN; // a hole, which cdk8s keeps
      const v = plainJson(value[i], sort);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  // a map with a `resolve()` is an implicit token to cdk8s: its function value makes it NOT_PLAIN below
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map);
  if (sort) keys.sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = plainJson(map[key], sort);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined) out[key] = v;
  }
  return out;
}
