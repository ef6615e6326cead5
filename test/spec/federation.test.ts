import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import { build, federationSpec } from '../../examples/federation/main';
import { Federation } from '../../lib/cdk8s/federation';
import { writeReports } from '../../lib/cdk8s/write-reports';
import { AclRule } from '../../lib/model/authorization';
import { resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { BridgeAuthentication, FederationSpec, resolveFederation, Route } from '../../lib/federation/federation-spec';
import { nodeEnvironment } from '../../lib/workload/node-environment';
import { ResolvedPodTls } from '../../lib/model/resolve-listeners';
import { Tls } from '../../lib/model/tls';
import mqttMatch from 'mqtt-match';
import { Authenticator } from '../../lib/model/authentication';
import { parseHocon } from '../support/hocon';
import { emqxContainer, findObject, synthExample } from '../support/manifests';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { EmqxVersion } from '../../lib/versions/emqx-version';

const license = { secretName: 'emqx-license', key: 'license.key' };
const up = Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/', qos: 1 });
const down = Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/', qos: 1 });

function federation(extra: Partial<FederationSpec> = {}): FederationSpec {
  return {
    name: 'eu',
    hub: {
      name: 'hub', namespace: 'hub', version: '6.0.1', cores: 3, license,
      bridgeListener: { hostname: 'hub.example.com', tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }) },
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
    },
    plants: [
      { name: 'lyon', version: '5.1.6', cores: 3 },
      { name: 'porto', version: '5.8.9', cores: 3 },
    ],
    routes: [up, down],
    ...extra,
  };
}

/**
 * EMQX file-ACL semantics: first rule whose subject, action and topic match decides; `{eq}` is literal. The topic is
 * matched by mqtt-match (a subscription filter's own wildcards count as text, as EMQX's emqx_topic:match does),
 * independent of the library's topic code.
 */
function aclDecision(rules: AclRule[], username: string, action: 'publish' | 'subscribe', topic: string): 'allow' | 'deny' | 'nomatch' {
  for (const r of rules) {
    const who = r.who === 'all' || ('username' in r.who && r.who.username === username);
    if (!who || (r.action !== 'all' && r.action !== action)) continue;
    if (r.topics.some((t) => (typeof t === 'string' ? mqttMatch(t, topic) : t.eq === topic))) return r.permission;
  }
  return 'nomatch';
}

async function conf(spec: ReturnType<typeof resolveFederation>['plants'][number]['spec'] | ReturnType<typeof resolveFederation>['hub']): Promise<any> {
  return parseHocon(renderEmqxConfig(resolveClusterSpec(spec), 'core'));
}

describe('plant side', () => {
  const f = resolveFederation(federation());

  test('5.1: one bridges.mqtt per direction and route (none holds both), mqtts with verify_peer and SNI, shared ingress', async () => {
    const c = await conf(f.plants[0].spec);
    const bridges = c.bridges.mqtt;
    expect(Object.keys(bridges).sort()).toEqual(['fed_eu_down_1', 'fed_eu_up_1']);
    for (const b of Object.values<any>(bridges)) expect([b.egress, b.ingress].filter(Boolean)).toHaveLength(1);
    expect(bridges.fed_eu_up_1).toMatchObject({
      server: 'hub.example.com:8883',
      username: 'bridge-lyon',
      clientid_prefix: 'eu-lyon',
      ssl: { enable: true, verify: 'verify_peer', server_name_indication: 'hub.example.com', cacertfile: '/opt/emqx/etc/certs/bridge-fed-eu/ca.crt' },
      egress: { local: { topic: 'plant/+/alerts/#' }, remote: { topic: 'hub/lyon/${topic}', qos: 1, retain: false } },
      // a quarter of the plant's 2Gi limit for its one forwarding action's 16 buffer workers: 512Mi / 16
      resource_opts: { max_buffer_bytes: '32MB', health_check_interval: '15s' },
    });
    expect(bridges.fed_eu_down_1.ingress).toEqual({ remote: { topic: '$share/eu-lyon/hub/lyon/cmd/#', qos: 1 } });
    expect(c.rule_engine.rules.fed_eu_down_1.sql).toBe('SELECT regex_replace(topic, \'^hub/lyon/\', \'\') AS local_topic, payload, qos FROM "$bridges/mqtt:fed_eu_down_1"');
    expect(JSON.stringify(c)).not.toMatch(/password/);
  });

  test('5.8: connectors.mqtt + actions.mqtt + sources.mqtt and the rules between them', async () => {
    const c = await conf(f.plants[1].spec);
    expect(c.bridges).toBeUndefined();
    expect(c.connectors.mqtt.fed_eu).toMatchObject({ server: 'hub.example.com:8883', username: 'bridge-porto', ssl: { verify: 'verify_peer', server_name_indication: 'hub.example.com' } });
    expect(c.actions.mqtt.fed_eu_up_1).toMatchObject({ connector: 'fed_eu', parameters: { topic: 'hub/porto/${topic}', qos: 1 } });
    expect(c.sources.mqtt.fed_eu_down_1).toMatchObject({ connector: 'fed_eu', parameters: { topic: '$share/eu-porto/hub/porto/cmd/#' } });
    expect(c.rule_engine.rules.fed_eu_up_1).toEqual({ enable: true, sql: 'SELECT * FROM "plant/+/alerts/#"', actions: ['mqtt:fed_eu_up_1'] });
    expect(c.rule_engine.rules.fed_eu_down_1.sql).toMatch(/FROM "\$bridges\/mqtt:fed_eu_down_1"$/);
  });

  // Which rule topics each release routes from a bridge/source to the rule engine, hand-checked against
  // `emqx_rule_events:event_name/1` at each tag (shared/reference/emqx-facts.md §5.2, §9e.29): `$bridges/`
  // on every release; `$sources/` only from e5.8.10, e5.9.3, e5.10.3 and 6.0.0. Independent of our code.
  const routedPrefixes: [string, string[]][] = [
    ['5.1.6', ['$bridges/']],
    ['5.5.1', ['$bridges/']],
    ['5.8.9', ['$bridges/']],
    ['5.9.0', ['$bridges/']],
    ['5.10.0', ['$bridges/']],
    ['6.0.1', ['$bridges/', '$sources/']],
    ['6.3.1', ['$bridges/', '$sources/']],
  ];
  test.each(routedPrefixes)('on %s the down rule reads a topic that release routes to rules', async (version, routed) => {
    const plant = resolveFederation(federation({ plants: [{ name: 'porto', version, cores: 3, ...(EmqxVersion.of(version).clusterNeedsLicense ? { license } : {}) }] })).plants[0];
    const c = await conf(plant.spec);
    const from = /FROM "([^"]+)"$/.exec(c.rule_engine.rules.fed_eu_down_1.sql)![1];
    expect(routed.some((p) => from.startsWith(p))).toBe(true);
    // and it names the ingress the plant actually renders (a source from 5.5, a bridge before)
    const ingress = version === '5.1.6' ? c.bridges.mqtt.fed_eu_down_1 : c.sources.mqtt.fed_eu_down_1;
    expect(ingress).toBeDefined();
    expect(from).toBe('$bridges/mqtt:fed_eu_down_1');
  });

  test('bridge credentials come from the plant namespace Secret through the environment', () => {
    const env51 = nodeEnvironment(resolveClusterSpec(f.plants[0].spec), 'core');
    expect(env51).toContainEqual({ name: 'EMQX_BRIDGES__MQTT__FED_EU_UP_1__PASSWORD', secretKeyRef: { secretName: 'eu-bridge', key: 'password' } });
    const env58 = nodeEnvironment(resolveClusterSpec(f.plants[1].spec), 'core');
    expect(env58).toContainEqual({ name: 'EMQX_CONNECTORS__MQTT__FED_EU__PASSWORD', secretKeyRef: { secretName: 'eu-bridge', key: 'password' } });
  });
});

describe('hub side, and both ends agreeing', () => {
  const f = resolveFederation(federation());
  const hub = resolveClusterSpec(f.hub);
  const listener = hub.listeners.find((l) => l.name === 'bridges')!;

  test('a bridge listener on the NLB whose certificate names the hostname the plants dial and verify', () => {
    expect(listener).toMatchObject({ type: 'ssl', port: 8883 });
    expect((listener.tls as ResolvedPodTls).certificate!.dnsNames).toContain('hub.example.com');
    for (const p of f.plants) {
      const bridge = resolveClusterSpec(p.spec).mqttBridges[0];
      expect(bridge.server).toBe(`${listener.exposure.nlb!.hostname}:${listener.port}`);
    }
  });

  test('the bridge listener authenticates plants from the seeded built-in database (its own chain)', async () => {
    const c = await conf(f.hub);
    expect(c.listeners.ssl.bridges.authentication).toEqual([expect.objectContaining({ backend: 'built_in_database', bootstrap_file: '/opt/emqx/etc/bootstrap-users/users.csv', bootstrap_type: 'plain' })]);
    expect(hub.configFiles).toContainEqual(expect.objectContaining({ mountPath: '/opt/emqx/etc/bootstrap-users', ref: { secretName: 'eu-bridge-users', key: 'users.csv' } }));
  });

  test('every plant can publish its upward topics and subscribe its downward filter, exactly as its bridge does', () => {
    for (const p of f.plants) {
      const b = resolveClusterSpec(p.spec).mqttBridges[0];
      for (const e of b.egress!) expect(aclDecision(f.hubAclRules, b.username, 'publish', `${e.remotePrefix}plant/m1/alerts/overheat`)).toBe('allow');
      for (const i of b.ingress!) expect(aclDecision(f.hubAclRules, b.username, 'subscribe', `$share/${b.clientidPrefix}/${i.remoteFilter}`)).toBe('allow');
    }
  });

  test('the hub confines each plant to its own subtree: no publishing into another plant, no reading it', () => {
    const cases: [string, 'publish' | 'subscribe', string][] = [
      ['bridge-lyon', 'publish', 'hub/porto/cmd/open-valve'],
      ['bridge-lyon', 'publish', 'hub/lyon/cmd/open-valve'],
      ['bridge-lyon', 'subscribe', 'hub/porto/cmd/#'],
      ['bridge-lyon', 'subscribe', 'hub/porto/plant/+/alerts/#'],
      ['bridge-lyon', 'subscribe', '#'],
      ['bridge-lyon', 'publish', 'cmd/x'],
      ['bridge-porto', 'publish', 'hub/lyon/plant/m1/alerts/x'],
      ['bridge-porto', 'subscribe', '$SYS/brokers'],
    ];
    for (const [user, action, topic] of cases) expect([user, action, topic, aclDecision(f.hubAclRules, user, action, topic)]).toEqual([user, action, topic, 'deny']);
  });

  test('the confining rules come first in the hub ACL, before its own rules; no_match stays deny', async () => {
    const withRules = resolveFederation(federation({
      hub: { ...federation().hub, authorization: { sources: [] } },
    }));
    const c = await conf(withRules.hub);
    expect(c.authorization.no_match).toBe('deny');
    expect(c.authorization.sources[0]).toEqual({ type: 'file', enable: true, path: '/opt/emqx/etc/generated/acl.conf' });
    expect(resolveClusterSpec(withRules.hub).authorization.aclFile).toMatch(/^%%.*\n\{allow, \{username, "bridge-lyon"\}, publish, \["hub\/lyon\/plant\/\+\/alerts\/#"\]\}\./);
  });
});

describe('validation', () => {
  const fails = (spec: FederationSpec, field: string, message: RegExp) => {
    expect(() => resolveFederation(spec)).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
    expect(() => resolveFederation(spec)).toThrow(message);
  };

  test('an upward route into the downward subtree loops plant → hub → plant', () => {
    fails(federation({ routes: [Route.up('cmd/#', { prefix: 'hub/{plant}/' }), down] }), 'federation.routes', /loop plant → hub → plant/);
  });

  test('republishing downward messages into an upward filter loops hub → plant → hub', () => {
    fails(federation({ routes: [Route.up('cmd/#', { prefix: 'hub/{plant}/up/' }), down] }), 'federation.routes', /loop hub → plant → hub/);
  });

  test('routes without {plant} are refused (plants would write into each other)', () => {
    expect(() => Route.up('a/#', { prefix: 'hub/' })).toThrow(/^route.up.prefix: .*contain \{plant\}/);
    expect(() => Route.down('hub/cmd/#')).toThrow(/^route.down.filter: must contain \{plant\}/);
    expect(() => Route.down('hub/{plant}/cmd/#', { strip: 'hub/other/' })).toThrow(/^route.down.strip: /);
    expect(() => Route.up('plant/#/x', { prefix: 'hub/{plant}/' })).toThrow(/^route.up.filter: .*wildcard/);
  });

  test('plant names are unique and DNS-safe', () => {
    fails(federation({ plants: [{ name: 'lyon', version: '5.8.9' }, { name: 'lyon', version: '5.8.9' }] }), 'federation.plants[1].name', /used twice/);
    fails(federation({ plants: [{ name: 'Lyon_1', version: '5.8.9' }] }), 'federation.plants[0].name', /DNS-safe/);
  });

  test('a hub without bootstrap_file (before 5.8) needs the HTTP-auth contract', () => {
    const hub = { ...federation().hub, version: '5.4.1', cores: 3 };
    fails(federation({ hub }), 'hub.bridgeAuthentication', /needs EMQX 5.8\+/);
    const ok = resolveFederation(federation({ hub: { ...hub, bridgeAuthentication: BridgeAuthentication.http(Authenticator.http({ url: 'http://auth.iam.svc:8080/bridges' })) } }));
    expect(ok.hub.listeners!.find((l) => l.name === 'bridges')!.authentication![0].kind).toBe('http');
  });
});

describe('the Federation construct and the example', () => {
  test('one chart per site; the Mermaid diagram goes where writeReports() is told, never into the manifests folder', () => {
    const app = Testing.app();
    const fed = new Federation(app, 'fed', federation());
    app.synth();
    expect(app.charts.map((c) => c.node.id).sort()).toEqual(['eu-hub', 'eu-lyon', 'eu-porto']);
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['eu-hub.k8s.yaml', 'eu-lyon.k8s.yaml', 'eu-porto.k8s.yaml']);
    const reportsDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fed-reports-'));
    expect(writeReports(app, reportsDir).map((f) => path.basename(f)).sort()).toEqual(['emqx-findings.hub.hub.json', 'emqx-findings.lyon.lyon.json', 'emqx-findings.porto.porto.json', 'eu.federation.mmd']);
    const mmd = fs.readFileSync(path.join(reportsDir, 'eu.federation.mmd'), 'utf8');
    expect(mmd).toBe(fed.diagram);
    expect(mmd).toMatch(/^flowchart LR/);
    expect(mmd).toMatch(/lyon -- "plant\/\+\/alerts\/# → hub\/lyon\/plant\/\+\/alerts\/# \(QoS 1\)" --> hub/);
    expect(mmd).toMatch(/hub -\. "\$share\/eu-porto\/hub\/porto\/cmd\/# → cmd\/# \(QoS 1\)" \.-> porto/);
  });

  test('the example: a hub and three plants on 5.1, 5.8 and 6.0, each in its own namespace', () => {
    const objects = synthExample(build);
    const images = objects.filter((o) => o.kind === 'StatefulSet').map((s) => `${s.metadata.namespace} ${s.spec.template.spec.containers[0].image}`).sort();
    expect(images).toEqual(['iot-hub emqx/emqx-enterprise:6.0.1', 'plant-lyon emqx/emqx:5.1.6', 'plant-oslo emqx/emqx-enterprise:6.0.1', 'plant-porto emqx/emqx:5.8.9']);
    expect(findObject(objects, 'NetworkPolicy', 'plant-lyon-integrations').spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: [{ port: 8883, protocol: 'TCP' }] }]);
  });
});

describe('federation sites on the EMQX Operator backend', () => {
  test('a plant and the hub run by the operator carry the same bridges, credentials, listener and ACL as with the native backend', async () => {
    const operatorSpec: FederationSpec = {
      ...federationSpec,
      hub: { ...federationSpec.hub, backend: WorkloadBackend.emqxOperator(), acknowledgements: [...(federationSpec.hub.acknowledgements ?? []), { id: 'EMQX-OperatorBlueGreenUpdates', reason: 'hub template changes are planned with a data export first' }] },
      plants: federationSpec.plants.map((p) => (p.name === 'plant-oslo' ? { ...p, backend: WorkloadBackend.emqxOperator(), acknowledgements: [{ id: 'EMQX-OperatorBlueGreenUpdates', reason: 'the Oslo plant already runs the EMQX Operator' }] } : p)),
    };
    const native = synthExample(build);
    const op = synthExample((app) => new Federation(app, 'federation', operatorSpec));
    for (const [ns, name] of [['plant-oslo', 'plant-oslo'], ['iot-hub', 'hub-eu']]) {
      const nativeConf = await parseHocon(native.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === ns && o.metadata.name === `${name}-config`)!.data['emqx-core.conf']);
      const cr = op.find((o) => o.kind === 'EMQX' && o.metadata.namespace === ns)!;
      const data = await parseHocon(cr.spec.config.data);
      for (const root of ['connectors', 'actions', 'sources', 'rule_engine', 'listeners', 'authentication', 'authorization']) expect([root, data[root]]).toEqual([root, nativeConf[root]]);
      // bridge and hub credentials stay Secret references in both templates
      const nativeEnv = emqxContainer(native.find((o) => o.kind === 'StatefulSet' && o.metadata.namespace === ns)!).env.filter((e: any) => e.valueFrom?.secretKeyRef && e.name !== 'EMQX_NODE__COOKIE');
      expect(cr.spec.coreTemplate.spec.env.filter((e: any) => e.valueFrom)).toEqual(nativeEnv);
      // plus, on Operator 2.3's v2, the cluster name through the environment (config.data is base.hocon there)
      expect(cr.spec.coreTemplate.spec.env.filter((e: any) => !e.valueFrom)).toEqual(cr.apiVersion === 'apps.emqx.io/v2' ? [{ name: 'EMQX_CLUSTER__NAME', value: name }] : []);
    }
    // the hub has two exposures (in-cluster tcp and the bridges' NLB): the operator's one listener Service
    // would put both ports on the public NLB, so it is off and both Services are ours, as with the native backend
    const hubCr = op.find((o) => o.kind === 'EMQX' && o.metadata.namespace === 'iot-hub')!;
    expect(hubCr.spec.listenersServiceTemplate).toEqual({ enabled: false });
    const listenerServices = (objs: typeof op) => objs.filter((o) => o.kind === 'Service' && o.metadata.namespace === 'iot-hub' && o.metadata.labels?.['app.kubernetes.io/component'] === 'listeners');
    expect(listenerServices(op).map((s) => s.metadata.name)).toEqual(['hub-eu-mqtt', 'hub-eu-bridges']);
    expect(listenerServices(op)).toEqual(listenerServices(native));
    // the hub ACL confining each plant is the same file, now mounted from the hub's ACL-only ConfigMap
    const acl = (objs: typeof op) => objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hub-eu-config')!.data['acl.rules'];
    expect(acl(op)).toEqual(acl(native));
  });
});

describe('TopicFilterIndex agrees with pairwise filtersIntersect', () => {
  const { filtersIntersect, TopicFilterIndex } = require('../../lib/model/topic-filter');
  test('on random filters', () => {
    const levels = ['a', 'b', 'c', '+'];
    const gen = (seed: number) => {
      const out: string[] = [];
      let x = seed;
      const n = 1 + (x % 4);
      for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; out.push(levels[x % 4]); }
      if (x % 3 === 0) out.push('#');
      return out.join('/');
    };
    const filters = Array.from({ length: 200 }, (_, i) => gen(i * 7919 + 1));
    const index = new TopicFilterIndex();
    filters.forEach((f: string, i: number) => index.add(f, i));
    for (let q = 0; q < 100; q++) {
      const query = gen(q * 104729 + 3);
      const expected = filters.map((f: string, i: number) => (filtersIntersect(f, query) ? i : -1)).filter((i: number) => i >= 0).sort((a: number, b: number) => a - b);
      expect([query, (index.intersecting(query) as number[]).sort((a, b) => a - b)]).toEqual([query, expected]);
    }
  });
});

describe('diagrams that render at fleet size', () => {
  const { fleetFederation } = require('../../lib/federation/fleet-inventory');
  const { fleetSpec } = require('../../examples/fleet/main');
  const { federationMermaid, federationMermaidDetail, MERMAID_MAX_TEXT } = require('../../lib/federation/federation-diagram');
  const plants = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `plant-${String(i).padStart(3, '0')}`, version: i % 3 === 0 ? '5.1.6' : '5.8.9' }));

  test('400 plants: every site exceeds Mermaid\'s 50,000 characters, so plants are grouped by release and size with counts', () => {
    const f = resolveFederation(fleetFederation(fleetSpec(plants(400))));
    const full = federationMermaidDetail(f);
    const summary = federationMermaid(f);
    expect(full.length).toBeGreaterThan(MERMAID_MAX_TEXT);
    expect(summary.length).toBeLessThanOrEqual(MERMAID_MAX_TEXT);
    expect(summary).toMatch(/400 plants in 2 groups/);
    expect(summary).toMatch(/"134 plant\(s\)<br\/>EMQX 5\.1\.6, 3 cores<br\/>e\.g\. plant-000, plant-003, plant-006"/);
    expect(summary).toMatch(/"266 plant\(s\)<br\/>EMQX 5\.8\.9, 3 cores/);
    // each route once per group, with the plant as a placeholder
    expect(summary).toContain('hub/{plant}/');
    for (const p of plants(400)) expect(full).toContain(`plant ${p.name}<br/>`);
  });

  test('a small federation keeps every site in the one diagram', () => {
    const f = resolveFederation(federation());
    expect(federationMermaid(f)).toBe(federationMermaidDetail(f));
  });
});

test('a grouped diagram is written with the every-site one beside it', () => {
  const { diagramReports } = require('../../lib/cdk8s/write-reports');
  expect(diagramReports('fleet', 'grouped', 'full')).toEqual([['fleet.federation.mmd', 'grouped'], ['fleet.federation.full.mmd', 'full']]);
  expect(diagramReports('eu', 'same', 'same')).toEqual([['eu.federation.mmd', 'same']]);
});
