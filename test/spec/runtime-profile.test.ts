// EMQX 6.3's security profile and feature gates (facts §10.13, §10.14, §10.19): written as environment variables,
// hardened and minimal by default, refused before 6.3 and where they would cut off what the spec needs.
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { Authenticator } from '../../lib/model/authentication';
import { Action } from '../../lib/integrations/rule-spec';
import { nodeEnvironment } from '../../lib/workload/node-environment';
import { ListenerType } from '../../lib/model/listener-spec';
import { Peer } from '../../lib/network/network-peer';
import { parseHocon } from '../support/hocon';

const license = { secretName: 'emqx-license', key: 'license.key' };
const v63 = (extra: Partial<EmqxClusterSpec> = {}): EmqxClusterSpec => ({ name: 'emqx', version: '6.3.1', cores: 3, license, networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] }, ...extra });
const env = (spec: EmqxClusterSpec) => Object.fromEntries(nodeEnvironment(resolveClusterSpec(spec), 'core').filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));

test('6.3 defaults: the hardened profile and the minimal feature set, as environment variables', () => {
  expect(env(v63())).toMatchObject({ EMQX_SECURITY_PROFILE: 'hardened', EMQX_FEATURES: 'dashboard' });
  expect(env(v63({ monitoring: {} })).EMQX_FEATURES).toBe('dashboard,metrics');
  const kafka = { name: 'raw', bootstrapHosts: ['k1:9092'], topic: 'raw' };
  expect(env(v63({ monitoring: {}, integrations: { kafka: [kafka], rules: [{ id: 'r', sql: 'SELECT * FROM "t/#"', actions: [Action.kafka('raw')] }] } })).EMQX_FEATURES).toBe('dashboard,metrics,data_integration');
});

test("'full' leaves EMQX's own full set (no variable); a list is written as given; legacy is written when chosen", () => {
  expect(env(v63({ features: 'full' })).EMQX_FEATURES).toBeUndefined();
  expect(env(v63({ features: ['dashboard', 'gateways'] })).EMQX_FEATURES).toBe('dashboard,gateways');
  expect(env(v63({ securityProfile: 'legacy' })).EMQX_SECURITY_PROFILE).toBe('legacy');
});

test('before 6.3 nothing is written (older releases have neither switch)', () => {
  for (const version of ['6.2.3', '6.0.1', '5.8.9']) {
    const e = env({ ...v63(), version, license: version.startsWith('5.8') ? undefined : license });
    expect([version, e.EMQX_SECURITY_PROFILE, e.EMQX_FEATURES]).toEqual([version, undefined, undefined]);
  }
});

test('hardened: an anonymous listener says enable_authn = false (else every CONNECT is refused); an authenticated one does not', async () => {
  const anon = await parseHocon(renderEmqxConfig(resolveClusterSpec(v63({ listeners: [{ type: ListenerType.TCP, allowFrom: [Peer.sameNamespace()] }] })), 'core'));
  expect(anon.listeners.tcp.default).toMatchObject({ enable: true, bind: '0.0.0.0:1883', enable_authn: false });
  const authed = await parseHocon(renderEmqxConfig(resolveClusterSpec(v63({ authentication: [Authenticator.builtInDatabase()] })), 'core'));
  expect(authed.listeners.tcp.default.enable_authn).toBeUndefined();
  const legacy = await parseHocon(renderEmqxConfig(resolveClusterSpec(v63({ securityProfile: 'legacy' })), 'core'));
  expect(legacy.listeners.tcp.default.enable_authn).toBeUndefined();
  // explicit binds for the dashboard too: a port-only bind listens on loopback under hardened (§10.19 77)
  expect(anon.dashboard.listeners.http.bind).toBe('0.0.0.0:18083');
});

test.each([
  [{ version: '6.2.3', securityProfile: 'hardened' }, 'securityProfile', 'has no security profiles (from 6.3.0)'],
  [{ version: '6.2.3', features: 'minimal' }, 'features', 'has no feature gates (from 6.3.0)'],
  [{ securityProfile: 'strict' }, 'securityProfile', 'is not a security profile'],
  [{ features: ['dashboard', 'auth'] }, 'features[1]', 'is not an EMQX feature name'],
  [{ features: ['Dashboard'] }, 'features[0]', 'is not an EMQX feature name'],
  [{ features: ['metrics'] }, 'features', 'leaves out dashboard'],
  [{ features: ['dashboard'], monitoring: {} }, 'features', 'leaves out metrics: monitoring scrapes the Prometheus endpoint'],
  [{ features: 'ESSENTIAL' }, 'features', "is not 'minimal', 'full' or a list of features"],
])('%j is refused: %s %s', (extra, field, message) => {
  expect(() => resolveClusterSpec(v63(extra as Partial<EmqxClusterSpec>))).toThrow(expect.objectContaining({ field, message: expect.stringContaining(message) }));
});
