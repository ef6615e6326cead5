// Typed roles for a cluster's own clients (devices, HMIs, local consumers), each confined to its topics.
// Topic matching by mqtt-match, independent of the library's own topic code.
import mqttMatch from 'mqtt-match';
import { AclRule, resolveAuthorization } from '../../lib/model/authorization';
import { AuthorizationSource } from '../../lib/model/authorization';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { EmqxVersion } from '../../lib/versions/emqx-version';

const V589 = EmqxVersion.of('5.8.9');

/** EMQX file ACL: first matching rule decides; `${username}` substituted; a usernameRe matched as a regex. */
function can(rules: AclRule[], username: string, action: 'publish' | 'subscribe', topic: string): boolean {
  for (const r of rules) {
    const who = r.who === 'all' || ('username' in r.who && r.who.username === username) || ('usernameRe' in r.who && new RegExp(r.who.usernameRe).test(username));
    if (!who || (r.action !== 'all' && r.action !== action)) continue;
    if (r.topics.some((t) => mqttMatch((typeof t === 'string' ? t : t.eq).split('${username}').join(username), topic))) return r.permission === 'allow';
  }
  return false; // no_match = deny
}

const roles = [
  { usernamePattern: '^device-', publish: ['plant/north/${username}/telemetry/#'], subscribe: ['plant/north/${username}/cmd/#'] },
  { username: 'historian', subscribe: ['plant/north/+/telemetry/#'] },
];

test('each role reaches its own topics and nothing else', () => {
  const rules = resolveAuthorization({ applications: roles }, V589).sources[0].rules;
  expect(can(rules, 'device-17', 'publish', 'plant/north/device-17/telemetry/temp')).toBe(true);
  expect(can(rules, 'device-17', 'subscribe', 'plant/north/device-17/cmd/reboot')).toBe(true);
  expect(can(rules, 'device-17', 'publish', 'plant/north/device-18/telemetry/temp')).toBe(false);
  expect(can(rules, 'device-17', 'subscribe', 'plant/north/device-18/cmd/reboot')).toBe(false);
  expect(can(rules, 'historian', 'subscribe', 'plant/north/device-18/telemetry/temp')).toBe(true);
  expect(can(rules, 'historian', 'publish', 'plant/north/device-18/cmd/reboot')).toBe(false);
  expect(can(rules, 'stranger', 'subscribe', 'plant/north/device-18/telemetry/temp')).toBe(false);
});

test('roles go before your own file rules, in the one file source', () => {
  const mine = AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'subscribe', topics: ['public/#'] }]);
  const a = resolveAuthorization({ applications: roles, sources: [mine, AuthorizationSource.builtInDatabase()] }, V589);
  expect(a.sources.map((s) => s.kind)).toEqual(['file', 'built_in_database']);
  expect(a.sources[0].rules.at(-1)).toEqual(mine.rules[0]);
  // a device's deny-everything-else comes first, so your broader rule does not widen it
  expect(can(a.sources[0].rules, 'device-17', 'subscribe', 'public/news')).toBe(false);
  expect(can(a.sources[0].rules, 'someone', 'subscribe', 'public/news')).toBe(true);
});

test.each([
  [[{ publish: ['a'] }], 'authorization.applications[0]', /needs exactly one of username and usernamePattern/],
  [[{ username: 'a', usernamePattern: 'b', publish: ['a'] }], 'authorization.applications[0]', /needs exactly one/],
  [[{ usernamePattern: '([', publish: ['a'] }], 'authorization.applications[0].usernamePattern', /is not a regular expression/],
  [[{ username: 'a' }], 'authorization.applications[0]', /may neither publish nor subscribe/],
  [[{ username: 'a', publish: ['a/#/b'] }], 'authorization.applications[0].publish.topics', /wildcard inside a level/],
] as const)('%j is refused at %s', (applications, field, message) => {
  const run = () => resolveAuthorization({ applications: applications as never }, V589);
  expect(run).toThrow(EmqxSpecError);
  expect(run).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
  expect(run).toThrow(message);
});

test("on a federation hub, its own roles come after the bridge users' confining rules", () => {
  const { resolveFederation, Route } = require('../../lib/federation/federation-spec');
  const { Tls } = require('../../lib/model/tls');
  const hub = resolveFederation({
    name: 'eu',
    hub: { name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license: { secretName: 'l', key: 'k' }, bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'ca' }) },
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'] }, authorization: { applications: [{ usernamePattern: '.*', subscribe: ['#'] }] } },
    plants: [{ name: 'porto', version: '5.8.9', cores: 3 }],
    routes: [Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' })],
  }).hub;
  const rules = resolveAuthorization(hub.authorization, V589).sources[0].rules;
  expect(can(rules, 'bridge-porto', 'subscribe', 'anything/at/all')).toBe(false);
  expect(can(rules, 'dashboard-reader', 'subscribe', 'anything/at/all')).toBe(true);
});
