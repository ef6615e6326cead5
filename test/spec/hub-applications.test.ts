// Hub applications: what each may read and send, confined to its plants. Topic matching by mqtt-match, a
// well-kept matcher independent of the library's own topic code.
import mqttMatch from 'mqtt-match';
import { AclRule } from '../../lib/model/authorization';
import { FederationSpec, resolveFederation, Route } from '../../lib/federation/federation-spec';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { Tls } from '../../lib/model/tls';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const license = { secretName: 'emqx-license', key: 'license.key' };
function federation(applications: FederationSpec['hub']['applications']): FederationSpec {
  return {
    name: 'eu',
    hub: { name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license, bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }) }, networkPolicies: TEST_NETWORK_POLICIES, applications },
    plants: [{ name: 'lyon', version: '5.8.9', cores: 3 }, { name: 'porto', version: '5.8.9', cores: 3 }],
    routes: [Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }), Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/' })],
  };
}

/** EMQX file ACL semantics (first matching rule decides), topics matched by mqtt-match; undefined: no rule matched (no_match = deny). */
function decide(rules: AclRule[], username: string, action: 'publish' | 'subscribe', topic: string): 'allow' | 'deny' | undefined {
  for (const r of rules) {
    const who = r.who === 'all' || ('username' in r.who && r.who.username === username);
    if (!who || (r.action !== 'all' && r.action !== action)) continue;
    if (r.topics.some((t) => (typeof t === 'string' ? mqttMatch(t, topic) : t.eq === topic))) return r.permission;
  }
  return undefined;
}

const rulesOf = (f: FederationSpec) => resolveFederation(f).hub.authorization!.sources![0].rules;
const allowed = (rules: AclRule[], u: string, a: 'publish' | 'subscribe', t: string) => decide(rules, u, a, t) === 'allow';

test('an alerting consumer reads every plant\'s alerts (also shared), and nothing else', () => {
  const rules = rulesOf(federation([{ username: 'alerting', receive: true }]));
  for (const t of ['hub/lyon/plant/7/alerts/temp', 'hub/porto/plant/1/alerts/x/y']) {
    expect(allowed(rules, 'alerting', 'subscribe', t)).toBe(true);
    expect(allowed(rules, 'alerting', 'subscribe', `$share/alerting/${t}`)).toBe(true);
  }
  expect(allowed(rules, 'alerting', 'subscribe', '$share/other-group/hub/lyon/plant/7/alerts/temp')).toBe(false);
  for (const t of ['hub/lyon/cmd/valve', 'hub/lyon/plant/7/telemetry', 'secret/thing']) expect(allowed(rules, 'alerting', 'subscribe', t)).toBe(false);
  expect(allowed(rules, 'alerting', 'publish', 'hub/lyon/cmd/valve')).toBe(false);
  expect(decide(rules, 'alerting', 'publish', 'anything/else')).toBe('deny');
});

test('a command service scoped to one plant commands that plant only, and reads nothing', () => {
  const rules = rulesOf(federation([{ username: 'commands', send: true, plants: ['porto'] }]));
  expect(allowed(rules, 'commands', 'publish', 'hub/porto/cmd/valve/open')).toBe(true);
  expect(allowed(rules, 'commands', 'publish', 'hub/lyon/cmd/valve/open')).toBe(false);
  expect(allowed(rules, 'commands', 'subscribe', 'hub/porto/plant/1/alerts/x')).toBe(false);
});

test("the bridge users keep exactly their own plant's rights beside the applications", () => {
  const rules = rulesOf(federation([{ username: 'alerting', receive: true }, { username: 'commands', send: true }]));
  expect(allowed(rules, 'bridge-lyon', 'publish', 'hub/lyon/plant/7/alerts/temp')).toBe(true);
  expect(allowed(rules, 'bridge-lyon', 'publish', 'hub/porto/plant/7/alerts/temp')).toBe(false);
  expect(allowed(rules, 'bridge-lyon', 'publish', 'hub/lyon/cmd/x')).toBe(false);
});

test.each([
  [[{ username: 'bridge-x', receive: true }], 'hub.applications[0].username', /starts with 'bridge-'/],
  [[{ username: 'a', receive: true }, { username: 'a', send: true }], 'hub.applications[1].username', /is listed twice/],
  [[{ username: 'a' }], 'hub.applications[0]', /may neither receive nor send/],
  [[{ username: 'a', send: true, plants: ['paris'] }], 'hub.applications[0].plants[0]', /is not a plant of this federation.*lyon, porto/],
  [[{ username: 'a', send: true, plants: [] }], 'hub.applications[0].plants', /names no plant/],
  [[{ username: 'has space', send: true }], 'hub.applications[0].username', /is not a username/],
] as const)('%j is refused at %s', (apps, field, message) => {
  const run = () => resolveFederation(federation(apps as never));
  expect(run).toThrow(EmqxSpecError);
  expect(run).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
  expect(run).toThrow(message);
});
