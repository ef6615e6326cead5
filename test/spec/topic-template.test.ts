// Seed 000's topic mapping: routes that build the hub topic from the local topic's segments.
import mqttMatch from 'mqtt-match';
import { resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { FederationSpec, resolveFederation, Route } from '../../lib/federation/federation-spec';
import { topicTemplateSql } from '../../lib/model/topic-template';
import { Tls } from '../../lib/model/tls';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

/**
 * A model of the four rule functions the expression uses, as emqx_rule_funcs.erl defines them:
 * split(S, P, 'notrim') = string:split(S, P, all); nth is 1-based; concat/2; regex_replace = re:replace global.
 */
function evaluate(sql: string, topic: string): string {
  const js = sql
    .replace(/split\(topic, '\/', 'notrim'\)/g, 'topic.split("/")')
    .replace(/nth\((\d+), ([^)]+\))\)/g, '$2[$1 - 1]')
    .replace(/regex_replace\(topic, '([^']*)', ''\)/g, (_, re) => `topic.replace(new RegExp(${JSON.stringify(re)}, 'g'), '')`)
    .replace(/concat\(/g, 'cat(');
  // eslint-disable-next-line no-new-func
  return new Function('topic', 'cat', `return ${js};`)(topic, (a: string, b: string) => a + b);
}

// hand-checked: what each local topic becomes on the hub
test.each([
  ['plant/+/alerts/#', 'hub/plant-east/alerts/{1}/{#}', 'plant/line7/alerts/temp/high', 'hub/plant-east/alerts/line7/temp/high'],
  ['plant/+/alerts/#', 'hub/plant-east/alerts/{1}/{#}', 'plant/line7/alerts/x', 'hub/plant-east/alerts/line7/x'],
  ['site/+/+/status', 'hub/east/{2}/{1}', 'site/a/b/status', 'hub/east/b/a'],
  ['m/#', 'hub/e/{#}', 'm/x.y/z', 'hub/e/x.y/z'],
])('%s → %s: %s becomes %s', (filter, template, topic, expected) => {
  expect(mqttMatch(filter, topic)).toBe(true);
  expect(evaluate(topicTemplateSql(filter, template), topic)).toBe(expected);
});

test('the expression for seed 000, as rendered', () => {
  expect(topicTemplateSql('plant/+/alerts/#', 'hub/plant-east/alerts/{1}/{#}')).toBe(
    "concat(concat(concat('hub/plant-east/alerts/', nth(2, split(topic, '/', 'notrim'))), '/'), regex_replace(topic, '^plant/[^/]+/alerts/?', ''))",
  );
});

const spec = (): FederationSpec => ({
  name: 'eu',
  hub: { name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license: { secretName: 'l', key: 'k' }, bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'ca' }) }, networkPolicies: TEST_NETWORK_POLICIES },
  plants: [{ name: 'lyon', version: '5.1.6', cores: 3 }, { name: 'porto', version: '5.8.9', cores: 3 }],
  routes: [Route.up('plant/+/alerts/#', { to: 'hub/{plant}/alerts/{1}/{#}' })],
});

test('5.5+ plants: the rule computes remote_topic and the action publishes to it', async () => {
  const c = await parseHocon(renderEmqxConfig(resolveClusterSpec(resolveFederation(spec()).plants[1].spec), 'core'));
  expect(c.actions.mqtt.fed_eu_up_1.parameters.topic).toBe('${remote_topic}');
  expect(c.rule_engine.rules.fed_eu_up_1).toEqual({
    enable: true,
    sql: "SELECT *, concat(concat(concat('hub/porto/alerts/', nth(2, split(topic, '/', 'notrim'))), '/'), regex_replace(topic, '^plant/[^/]+/alerts/?', '')) AS remote_topic FROM \"plant/+/alerts/#\"",
    actions: ['mqtt:fed_eu_up_1'],
  });
});

test('5.1 plants: a rule feeds the egress bridge (no local topic of its own)', async () => {
  const c = await parseHocon(renderEmqxConfig(resolveClusterSpec(resolveFederation(spec()).plants[0].spec), 'core'));
  expect(c.bridges.mqtt.fed_eu_up_1.egress).toEqual({ remote: { topic: '${remote_topic}', qos: 1, retain: false, payload: '${payload}' } });
  expect(c.rule_engine.rules.fed_eu_up_1.actions).toEqual(['mqtt:fed_eu_up_1']);
});

test("the hub ACL confines each plant to what its template can produce", () => {
  const rules = resolveFederation(spec()).hub.authorization!.sources![0].rules;
  const may = (u: string, t: string) => rules.find((r) => r.who !== 'all' && 'username' in r.who && r.who.username === u && r.topics.some((f) => typeof f === 'string' && mqttMatch(f, t)))?.permission === 'allow';
  expect(may('bridge-lyon', 'hub/lyon/alerts/line7/temp')).toBe(true);
  expect(may('bridge-lyon', 'hub/porto/alerts/line7/temp')).toBe(false);
});

test.each([
  [{ to: 'hub/alerts/{1}/{#}' }, /must start with literal levels that contain \{plant\}/],
  [{ to: 'hub/{plant}/{#}/{1}' }, /\{#\} is not the last level/],
  [{ to: 'hub/{plant}/{3}' }, /uses \{3\}, but 'plant\/\+\/alerts\/#' has 1 '\+' level/],
  [{ to: 'hub/{plant}/x{1}' }, /mixes a placeholder with text/],
  [{ to: 'hub/{plant}/+/x' }, /is not a topic template/],
  [{ to: 'hub/{plant}/a', prefix: 'hub/{plant}/' }, /is given with prefix/],
])('%j is refused at route.up.to', (options, message) => {
  expect(() => Route.up('plant/+/alerts/#', options)).toThrow(/^route\.up\.to: /);
  expect(() => Route.up('plant/+/alerts/#', options)).toThrow(message);
});
