// The escape hatch patches Kubernetes JSON: a patch written with the API's own field names, or of a field newer
// than the Kubernetes release the library targets, reaches the manifest. (cdk8s's generated L1 classes, which the
// library used before, applied patches to their camelCase props and then dropped every key their converter did
// not know: `/spec/clusterIP` and `/spec/trafficDistribution` vanished without a word.)
import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { EXAMPLES } from '../../examples';
import { kubeObject } from '../../lib/cdk8s/kube-object';
import { Authenticator } from '../../lib/model/authentication';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { findObject, synth, testChart } from '../support/manifests';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

function cluster() {
  const chart = testChart('iot');
  const c = new EmqxCluster(chart, 'Emqx', {
    name: 'emqx',
    version: '5.8.9',
    cores: 3,
    networkPolicies: TEST_NETWORK_POLICIES,
    authentication: [Authenticator.builtInDatabase()],
  });
  return { chart, c };
}

describe('escape hatches patch Kubernetes JSON', () => {
  test('a field newer than Kubernetes 1.28 (Service trafficDistribution, 1.30) reaches the manifest', () => {
    const { chart, c } = cluster();
    c.discoveryService!.resource.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(findObject(synth(chart), 'Service', 'emqx-headless').spec.trafficDistribution).toBe('PreferClose');
  });

  test('the API field names are the paths: /spec/clusterIP on a Service (the L1 prop was clusterIp)', () => {
    const { chart, c } = cluster();
    c.dashboardService!.resource.addJsonPatch(JsonPatch.add('/spec/clusterIP', 'None'));
    const objs = synth(chart);
    expect(findObject(objs, 'Service', 'emqx-dashboard').spec.clusterIP).toBe('None');
    expect(findObject(objs, 'Service', 'emqx-headless').spec.clusterIP).toBe('None');
  });

  test('a pod-level field newer than 1.28 (resources, Kubernetes 1.32) reaches the StatefulSet', () => {
    const { chart, c } = cluster();
    c.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/resources', { limits: { memory: '4Gi' } }));
    const sts = findObject(synth(chart), 'StatefulSet', 'emqx-core');
    expect(sts.spec.template.spec.resources).toEqual({ limits: { memory: '4Gi' } });
    expect(sts.spec.template.spec.containers[0].name).toBe('emqx');
  });
});

// The fast toJson() of the library's objects against cdk8s's own ApiObject.toJson() (the oracle), on the same object.
describe('toJson() is what cdk8s renders', () => {
  const cdk8sToJson = (o: ApiObject) => ApiObject.prototype.toJson.call(o);

  test.each(Object.keys(EXAMPLES))('every object of example %s', (name) => {
    const app = Testing.app();
    EXAMPLES[name](app);
    const objects = app.node.findAll().filter(ApiObject.isApiObject);
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) {
      const oracle = cdk8sToJson(o);
      // the same data, and the same key order at every level (what the manifest writer prints)
      expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(oracle));
      expect(o.toJson()).toStrictEqual(oracle);
    }
  });

  /** Values cdk8s resolves or refuses, beside JSON data: Lazy values, tokens, class instances, holes, null-prototype maps. */
  class Wrapped { constructor(public readonly value: string | number) {} }
  const special = fc.constantFrom<unknown>(
    Lazy.any({ produce: () => ({ b: 1, a: [null, 'x'] }) }),
    Lazy.any({ produce: () => undefined }),
    { resolve: () => 'from a token' },
    new Wrapped('80%'),
    new Wrapped(3),
    Object.assign(Object.create(null), { a: 1 }),
    [1, , 3], // eslint-disable-line no-sparse-arrays
    () => 'a function',
    new Date(0),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), special, tie('map'), tie('list')),
    map: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('10', '2', 'b', 'B', '_', 'é')), tie('node'), { maxKeys: 5 }),
    list: fc.array(tie('node'), { maxLength: 4 }),
  })).node;

  test('random values: the same result, or the same error', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 }), fc.boolean(), (body, patched) => {
      const chart = testChart('iot');
      const o = kubeObject<{ apiVersion?: string; kind?: string }>(chart, 'O', { ...body, apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { b: '1', a: '2' } } } as any);
      if (patched) o.addJsonPatch(JsonPatch.add('/metadata/labels/c', '3'));
      let expected: unknown;
      let error: string | undefined;
      try {
        expected = cdk8sToJson(o);
      } catch (e) {
        error = (e as Error).message;
      }
      if (error !== undefined) expect(() => o.toJson()).toThrow(error);
      else {
        const actual = o.toJson();
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected)); // key order
        expect(actual).toStrictEqual(expected); // undefined kept or dropped, holes, types
      }
    }), { numRuns: 500 });
  });

  test('an App with a resolver of its own gets cdk8s rendering, resolver included', () => {
    const app = new App({ resolvers: [{ resolve: (ctx) => { if (ctx.value === 'SECRET') ctx.replaceValue('resolved'); } }] });
    const chart = new Chart(app, 'c', { namespace: 'iot' });
    const o = kubeObject<{ apiVersion?: string; kind?: string }>(chart, 'O', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'SECRET' } } as any);
    expect(o.toJson().data).toEqual({ a: 'resolved' });
  });
});
