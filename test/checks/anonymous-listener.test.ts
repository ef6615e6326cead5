// EMQX-AnonymousListener beyond the NLB: an open listener next to authenticating ones, or where authorization
// trusts the claimed identity (issue "Defaults that hold in production" 3; federation hub impersonation, facts §9e.31).
import { Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { Authenticator } from '../../lib/model/authentication';
import { AuthorizationSource } from '../../lib/model/authorization';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { resolveFederation, Route } from '../../lib/federation/federation-spec';
import { ListenerType } from '../../lib/model/listener-spec';
import { Tls } from '../../lib/model/tls';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const base: EmqxClusterSpec = { name: 'plant', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const mtls = Tls.certManager({ issuer: 'plant-ca', mutualTls: { usernameFrom: 'cn' } });

function messages(spec: Partial<EmqxClusterSpec>): string[] {
  const c = new EmqxCluster(new Chart(Testing.app(), 'x', { namespace: 'iot' }), 'Emqx', { ...base, ...spec });
  return c.checks.results().filter((f) => f.id === 'EMQX-AnonymousListener' && !f.acknowledged).map((f) => f.message);
}

test("seed 004's shape: client certificates on ssl and wss, but tcp and ws open next to them", () => {
  const spec = { listeners: [{ type: ListenerType.TCP }, { type: ListenerType.WS }, { type: ListenerType.SSL, tls: mtls }, { type: ListenerType.WSS, tls: mtls }] };
  expect(messages(spec)).toEqual([
    'listeners.tcp.default (in-cluster) takes anonymous clients while listeners.ssl.default, listeners.wss.default authenticate: clients can bypass them',
    'listeners.ws.default (in-cluster) takes anonymous clients while listeners.ssl.default, listeners.wss.default authenticate: clients can bypass them',
  ]);
});

test('near misses pass: every listener authenticates (cluster chain), or no listener does and nothing keys on identity', () => {
  expect(messages({ listeners: [{ type: ListenerType.TCP }, { type: ListenerType.SSL, tls: mtls }], authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })] })).toEqual([]);
  expect(messages({ listeners: [{ type: ListenerType.TCP }, { type: ListenerType.WS }] })).toEqual([]);
});

test('an ACL that keys on usernames or client ids makes an open in-cluster listener an error', () => {
  const byName = AuthorizationSource.file([{ permission: 'allow', who: { username: 'line-7' }, action: 'publish', topics: ['line/7/#'] }]);
  const byTemplate = AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'all', topics: ['devices/${clientid}/#'] }]);
  for (const s of [byName, byTemplate, AuthorizationSource.builtInDatabase()]) {
    expect(messages({ listeners: [{ type: ListenerType.TCP }], authorization: { sources: [s] } })).toEqual([
      "listeners.tcp.default (in-cluster) takes clients without a credential while authorization keys on usernames or client ids: any client can claim another's identity and rights",
    ]);
  }
  // rules for everyone or by address do not depend on a claimed identity
  const byAddress = AuthorizationSource.file([{ permission: 'allow', who: { ipaddr: '10.0.0.0/8' }, action: 'all', topics: ['#'] }, { permission: 'allow', who: 'all', action: 'subscribe', topics: ['public/#'] }]);
  expect(messages({ listeners: [{ type: ListenerType.TCP }], authorization: { sources: [byAddress] } })).toEqual([]);
});

test('acknowledged with a reason, it no longer blocks', () => {
  const app = Testing.app();
  const spec = { ...base, listeners: [{ type: ListenerType.TCP }, { type: ListenerType.SSL, tls: mtls }], acknowledgements: [{ id: 'EMQX-AnonymousListener', reason: 'in-cluster readers only; NetworkPolicy admits the ingest namespace' }] };
  new EmqxCluster(new Chart(app, 'x', { namespace: 'iot' }), 'Emqx', spec);
  expect(() => app.synth()).not.toThrow();
});

test("a federation hub checks credentials on every listener: no pod can claim a plant's bridge user on the in-cluster one", () => {
  const hub = resolveFederation({
    name: 'eu',
    hub: { name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license: { secretName: 'emqx-license', key: 'license.key' }, bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }) }, networkPolicies: TEST_NETWORK_POLICIES },
    plants: [{ name: 'porto', version: '5.8.9', cores: 3 }],
    routes: [Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' })],
  }).hub;
  expect(hub.authentication!.map((a) => a.kind)).toEqual(['built_in_database']);
  expect(hub.listeners!.map((l) => l.name ?? 'default')).toEqual(['default', 'bridges']);
  const c = new EmqxCluster(new Chart(Testing.app(), 'hub', { namespace: 'hub' }), 'Emqx', hub);
  expect(c.checks.results().filter((f) => f.id === 'EMQX-AnonymousListener')).toEqual([]);
});
