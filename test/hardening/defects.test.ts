// The defects found by trying the library as users would (issue "Hardening"), one test each.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/spec/emqx-cluster-spec';
import { EmqxSpecError } from '../../lib/spec/emqx-spec-error';
import { Exposure } from '../../lib/spec/exposure';
import { ListenerType } from '../../lib/spec/listener-spec';
import { Authenticator } from '../../lib/spec/authentication';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const base: EmqxClusterSpec = { name: 'plant', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const auth = [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })];

function specError(spec: Partial<EmqxClusterSpec>): EmqxSpecError {
  try {
    resolveClusterSpec({ ...base, ...spec } as EmqxClusterSpec);
  } catch (e) {
    if (e instanceof EmqxSpecError) return e;
    throw e;
  }
  throw new Error('the spec was accepted');
}

describe('2. Service names cannot collide', () => {
  test.each([
    ['headless', 'the headless discovery Service'],
    ['dashboard', 'the dashboard Service'],
    ['mqtt', 'the in-cluster listener Service'],
    ['metrics', 'the metrics Service'],
  ])("an NLB exposure named '%s' is refused: its Service would replace %s", (name, what) => {
    const e = specError({ authentication: auth, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name }) }] });
    expect(e.field).toBe('listeners[0].exposure.name');
    expect(e.message).toContain(`its Service 'plant-${name}' would replace ${what}`);
    expect(e.message).toMatch(/e\.g\. 'public', 'devices'/);
  });

  test("a near miss passes: 'mqtt-public' is not one of ours", () => {
    const c = resolveClusterSpec({ ...base, authentication: auth, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'mqtt-public' }) }] });
    expect(c.listeners[0].serviceName).toBe('plant-mqtt-public');
  });

  test('two objects with the same kind, namespace and name fail synthesis, naming both', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plants', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', base);
    // e.g. a user's own Service that happens to take the discovery Service's name
    new ApiObject(chart, 'Mine', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plant-headless' } });
    expect(() => app.synth()).toThrow(/two objects are Service 'plant-headless' in namespace 'iot' \(plants\/Emqx\/\S+ and plants\/Mine\)/);
  });

  test('the same name in another kind, API group or namespace is not a collision', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plants', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', base);
    new ApiObject(chart, 'OtherNs', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plant-headless', namespace: 'elsewhere' } });
    new ApiObject(chart, 'OtherKind', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plant-headless' } });
    expect(() => app.synth()).not.toThrow();
  });
});
