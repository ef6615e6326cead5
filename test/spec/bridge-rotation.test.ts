// Rotating a plant's bridge credential without locking it out (EMQX's bootstrap file only adds absent users,
// seen on 5.8.9: emqx-facts §9e.33): a new generation is a new user; the hub's ACL serves both while retiring.
import mqttMatch from 'mqtt-match';
import { AclRule } from '../../lib/model/authorization';
import { resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { FederationSpec, PlantSpec, resolveFederation, Route } from '../../lib/federation/federation-spec';
import { Tls } from '../../lib/model/tls';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const spec = (porto: Partial<PlantSpec> = {}): FederationSpec => ({
  name: 'eu',
  hub: { name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license: { secretName: 'l', key: 'k' }, bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'ca' }) }, networkPolicies: TEST_NETWORK_POLICIES },
  plants: [{ name: 'lyon', version: '5.8.9', cores: 3 }, { name: 'porto', version: '5.8.9', cores: 3, ...porto }],
  routes: [Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }), Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/' })],
});

function can(f: FederationSpec, username: string, action: 'publish' | 'subscribe', topic: string): boolean {
  const rules: AclRule[] = resolveFederation(f).hub.authorization!.sources![0].rules;
  for (const r of rules) {
    if ((r.who === 'all' || ('username' in r.who && r.who.username === username)) && (r.action === 'all' || r.action === action)
      && r.topics.some((t) => mqttMatch(typeof t === 'string' ? t : t.eq, topic))) return r.permission === 'allow';
  }
  return false; // no_match = deny
}

async function plantUser(f: FederationSpec): Promise<string> {
  const c = await parseHocon(renderEmqxConfig(resolveClusterSpec(resolveFederation(f).plants[1].spec), 'core'));
  return c.connectors.mqtt.fed_eu.username;
}

test('before: generation 1 is bridge-porto', async () => {
  expect(await plantUser(spec())).toBe('bridge-porto');
  expect(can(spec(), 'bridge-porto', 'publish', 'hub/porto/plant/1/alerts/t')).toBe(true);
});

test('during the rotation the plant connects as generation 2 and the hub serves both users, each confined to porto', async () => {
  const during = spec({ bridgeCredential: { generation: 2, retiring: 1 } });
  expect(await plantUser(during)).toBe('bridge-porto-g2');
  for (const user of ['bridge-porto', 'bridge-porto-g2']) {
    expect(can(during, user, 'publish', 'hub/porto/plant/1/alerts/t')).toBe(true);
    expect(can(during, user, 'subscribe', 'hub/porto/cmd/valve')).toBe(true);
    expect(can(during, user, 'publish', 'hub/lyon/plant/1/alerts/t')).toBe(false);
  }
  // the other plants are untouched
  expect(can(during, 'bridge-lyon', 'publish', 'hub/lyon/plant/1/alerts/t')).toBe(true);
});

test('after: the retiring user has no rights left', () => {
  const after = spec({ bridgeCredential: { generation: 2 } });
  expect(can(after, 'bridge-porto-g2', 'publish', 'hub/porto/plant/1/alerts/t')).toBe(true);
  expect(can(after, 'bridge-porto', 'publish', 'hub/porto/plant/1/alerts/t')).toBe(false);
  expect(can(after, 'bridge-porto', 'subscribe', 'hub/porto/cmd/valve')).toBe(false);
});

test.each([
  [{ generation: 0 }, /^plants\[1\]\.bridgeCredential\.generation: must be a whole number of at least 1/],
  [{ generation: 2, retiring: 2 }, /^plants\[1\]\.bridgeCredential\.retiring: is not older than generation 2/],
  [{ generation: 1.5 }, /^plants\[1\]\.bridgeCredential\.generation/],
])('%j is refused', (bridgeCredential, message) => {
  expect(() => resolveFederation(spec({ bridgeCredential }))).toThrow(message);
});
