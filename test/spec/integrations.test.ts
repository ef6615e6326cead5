import { pipelineSpec } from '../../examples/iiot-pipeline/main';
import { Authenticator } from '../../lib/model/authentication';
import { AuthorizationSource, renderAclFile } from '../../lib/model/authorization';
import { Discovery } from '../../lib/model/discovery';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Size } from '../../lib/validation/size';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { envVarForPath } from '../../lib/integrations/integrations';
import { ListenerType } from '../../lib/model/listener-spec';
import { nodeEnvironment } from '../../lib/workload/node-environment';
import { Action } from '../../lib/integrations/rule-spec';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const license = { secretName: 'emqx-license', key: 'license.key' };
const ee = (version: string, extra: Partial<EmqxClusterSpec> = {}): EmqxClusterSpec => ({
  name: 'p', namespace: 'iot', version, edition: EmqxEdition.ENTERPRISE, cores: 3, license, networkPolicies: TEST_NETWORK_POLICIES, ...extra,
});
const kafka = { name: 'raw', bootstrapHosts: ['k1:9092', 'k2:9092'], topic: 'raw', sasl: { mechanism: 'scram_sha_512' as const, username: 'emqx', password: { secretName: 'kafka', key: 'password' } } };
const influx = { name: 'rms', server: 'influx:8086', v2: { org: 'o', bucket: 'b', token: { secretName: 'influx', key: 'token' } }, writeSyntax: 'v,plant=${plant} rms=${rms} ${timestamp}' };
const rules = [{ id: 'r1', sql: 'SELECT * FROM "plant/#"', actions: [Action.kafka('raw'), Action.influxdb('rms'), Action.republish({ topic: 'copy/${topic}' }), Action.console()] }];

async function conf(spec: EmqxClusterSpec): Promise<any> {
  return parseHocon(renderEmqxConfig(resolveClusterSpec(spec), 'core'));
}

function fails(spec: EmqxClusterSpec, field: string, message: RegExp): void {
  const run = () => resolveClusterSpec(spec);
  expect(run).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
  expect(run).toThrow(message);
}

describe('data integrations per version', () => {
  test('5.1: bridges.kafka with the producer under kafka {}, bridges.influxdb_api_v2, rules refer to kafka:<n> / influxdb_api_v2:<n>', async () => {
    const c = await conf(ee('5.1.1', { integrations: { kafka: [kafka], influxdb: [influx], rules } }));
    expect(c.bridges.kafka.raw).toMatchObject({
      enable: true,
      bootstrap_hosts: 'k1:9092,k2:9092',
      authentication: { mechanism: 'scram_sha_512', username: 'emqx' },
      kafka: { topic: 'raw', message: { key: '${.clientid}', value: '${.}' }, partition_strategy: 'key_dispatch', required_acks: 'all_isr', buffer: { mode: 'memory' } },
    });
    expect(c.bridges.influxdb_api_v2.rms).toMatchObject({ server: 'influx:8086', org: 'o', bucket: 'b', precision: 'ms', write_syntax: influx.writeSyntax });
    expect(c.connectors).toBeUndefined();
    expect(c.rule_engine.rules.r1.actions).toEqual([
      'kafka:raw',
      'influxdb_api_v2:rms',
      { function: 'republish', args: { topic: 'copy/${topic}', qos: '${qos}', retain: '${flags.retain}', payload: '${payload}' } },
      { function: 'console' },
    ]);
  });

  test('5.4: Kafka as connector + action, InfluxDB still a bridge', async () => {
    const c = await conf(ee('5.4.1', { integrations: { kafka: [kafka], influxdb: [influx], rules } }));
    expect(c.connectors.kafka_producer.raw).toMatchObject({ bootstrap_hosts: 'k1:9092,k2:9092' });
    expect(c.actions.kafka_producer.raw).toMatchObject({ connector: 'raw', parameters: { topic: 'raw', required_acks: 'all_isr' } });
    expect(c.bridges.influxdb_api_v2.rms).toBeDefined();
    expect(c.rule_engine.rules.r1.actions.slice(0, 2)).toEqual(['kafka_producer:raw', 'influxdb_api_v2:rms']);
  });

  test.each(['5.8.1', '6.0.1'])('%s: connectors + actions for both; rules refer to kafka_producer:<n> / influxdb:<n>', async (version) => {
    const c = await conf(ee(version, { integrations: { kafka: [kafka], influxdb: [influx], rules } }));
    expect(c.bridges).toBeUndefined();
    expect(c.connectors.influxdb.rms).toEqual({ enable: true, server: 'influx:8086', parameters: { influxdb_type: 'influxdb_api_v2', bucket: 'b', org: 'o' } });
    // bounded explicitly: a quarter of the 2Gi core limit (512Mi) shared by Kafka (1 partition) and InfluxDB (16 workers)
    expect(c.actions.influxdb.rms).toEqual({ enable: true, connector: 'rms', parameters: { write_syntax: influx.writeSyntax, precision: 'ms' }, resource_opts: { max_buffer_bytes: '16MB' } });
    expect(c.rule_engine.rules.r1.actions.slice(0, 2)).toEqual(['kafka_producer:raw', 'influxdb:rms']);
  });

  test('secrets are EMQX_<PATH> variables from Secrets, never in emqx.conf', () => {
    for (const [version, kafkaPath, influxPath] of [
      ['5.1.1', 'EMQX_BRIDGES__KAFKA__RAW__AUTHENTICATION__PASSWORD', 'EMQX_BRIDGES__INFLUXDB_API_V2__RMS__TOKEN'],
      ['5.8.1', 'EMQX_CONNECTORS__KAFKA_PRODUCER__RAW__AUTHENTICATION__PASSWORD', 'EMQX_CONNECTORS__INFLUXDB__RMS__PARAMETERS__TOKEN'],
    ]) {
      const c = resolveClusterSpec(ee(version, { integrations: { kafka: [kafka], influxdb: [influx] } }));
      const env = nodeEnvironment(c, 'core');
      expect(env).toContainEqual({ name: kafkaPath, secretKeyRef: { secretName: 'kafka', key: 'password' } });
      expect(env).toContainEqual({ name: influxPath, secretKeyRef: { secretName: 'influx', key: 'token' } });
      expect(renderEmqxConfig(c, 'core')).not.toMatch(/password\s*=|token\s*=/);
    }
    expect(envVarForPath('authentication.1.secret')).toBe('EMQX_AUTHENTICATION__1__SECRET');
  });
});

describe('integration errors', () => {
  test("Kafka's own acks name is refused, and the other EMQX enums", () => {
    fails(ee('5.8.1', { integrations: { kafka: [{ ...kafka, requiredAcks: 'all' as any }] } }), 'integrations.kafka[0].requiredAcks', /Kafka's name; EMQX's enum is all_isr \| leader_only \| none/);
    fails(ee('5.8.1', { integrations: { kafka: [{ ...kafka, compression: 'lz4' as any }] } }), 'integrations.kafka[0].compression', /no lz4/);
    fails(ee('5.8.1', { integrations: { kafka: [{ ...kafka, messageKey: '' }] } }), 'integrations.kafka[0].messageKey', /Message key cannot be empty/);
    fails(ee('5.8.1', { integrations: { kafka: [{ ...kafka, tls: {} }] } }), 'integrations.kafka[0].tls.ca', /CA/);
  });

  test('InfluxDB and Kafka are refused on open-source releases before 5.9', () => {
    fails({ name: 'p', version: '5.8.9', integrations: { influxdb: [influx] } }, 'integrations.influxdb[0]', /open-source EMQX 5.8.9 has no InfluxDB integration/);
    fails({ name: 'p', version: '5.1.6', integrations: { kafka: [kafka] } }, 'integrations.kafka[0]', /no Kafka integration/);
  });

  test('line protocol without a field set is refused, as EMQX does', () => {
    fails(ee('5.8.1', { integrations: { influxdb: [{ ...influx, writeSyntax: 'temperature,clientid=${clientid}' }] } }), 'integrations.influxdb[0].writeSyntax', /line protocol/);
    fails(ee('5.8.1', { integrations: { influxdb: [{ ...influx, writeSyntax: 'temperature,clientid=${clientid} value ${timestamp}' }] } }), 'integrations.influxdb[0].writeSyntax', /no valid field set/);
  });

  test('rules must refer to declared sinks and be rule SQL', () => {
    fails(ee('5.8.1', { integrations: { rules: [{ id: 'r', sql: 'SELECT * FROM "t"', actions: [Action.kafka('nope')] }] } }), 'integrations.rules[0].actions[0]', /names no Kafka producer/);
    fails(ee('5.8.1', { integrations: { rules: [{ id: 'r', sql: 'DELETE FROM t', actions: [Action.console()] }] } }), 'integrations.rules[0].sql', /rule SQL/);
    expect(() => Action.republish({ topic: 'a/#' })).toThrow(/^action.republish.topic: /);
  });
});

describe('authentication and authorization', () => {
  test('HTTP, JWT (secret from the environment) and built-in authenticators; per-listener chains', async () => {
    const spec = ee('5.8.1', {
      authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' }), Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' } })],
      listeners: [{ type: ListenerType.TCP, authentication: [Authenticator.builtInDatabase({ userIdType: 'clientid' })] }],
    });
    const c = await conf(spec);
    expect(c.authentication[0]).toMatchObject({ mechanism: 'password_based', backend: 'http', method: 'post', url: 'http://auth.iam.svc:8080/mqtt', request_timeout: '5s', body: { username: '${username}' } });
    expect(c.authentication[1]).toMatchObject({ mechanism: 'jwt', from: 'password', use_jwks: false, algorithm: 'hmac-based' });
    expect(c.authentication[1].secret).toBeUndefined();
    expect(c.listeners.tcp.default.authentication).toEqual([{ mechanism: 'password_based', backend: 'built_in_database', user_id_type: 'clientid', password_hash_algorithm: { name: 'sha256', salt_position: 'suffix' } }]);
    expect(nodeEnvironment(resolveClusterSpec(spec), 'core')).toContainEqual({ name: 'EMQX_AUTHENTICATION__2__SECRET', secretKeyRef: { secretName: 'jwt', key: 'hmac' } });
  });

  test('HTTP auth headers with secret values come from Secrets; the header map keeps EMQX\'s defaults', async () => {
    const bearer = { secretName: 'auth-svc', key: 'bearer' };
    const spec = ee('5.8.1', {
      authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt', secretHeaders: { Authorization: bearer } })],
      listeners: [{ type: ListenerType.TCP, authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/gw', method: 'get', headers: { 'x-plant': 'lyon' }, secretHeaders: { x_api_key: bearer } })] }],
    });
    const c = await conf(spec);
    // written out with EMQX's post defaults, so the key the environment adds does not replace them
    expect(c.authentication[0].headers).toEqual({ accept: 'application/json', 'cache-control': 'no-cache', connection: 'keep-alive', 'content-type': 'application/json', 'keep-alive': 'timeout=30, max=1000' });
    expect(c.listeners.tcp.default.authentication[0].headers).toEqual({ 'x-plant': 'lyon' });
    expect(JSON.stringify(c)).not.toMatch(/bearer|auth-svc/);
    const env = nodeEnvironment(resolveClusterSpec(spec), 'core');
    expect(env).toContainEqual({ name: 'EMQX_AUTHENTICATION__1__HEADERS__AUTHORIZATION', secretKeyRef: bearer });
    expect(env).toContainEqual({ name: 'EMQX_LISTENERS__TCP__DEFAULT__AUTHENTICATION__1__HEADERS__X_API_KEY', secretKeyRef: bearer });
    expect(() => Authenticator.http({ url: 'http://auth/x', secretHeaders: { 'x-api-key': bearer } })).toThrow(/^authentication.secretHeaders.x-api-key: is not usable in an environment variable name/);
    expect(() => Authenticator.http({ url: 'http://auth/x', headers: { accept: 'text/plain' }, secretHeaders: { Accept: bearer } })).toThrow(/^authentication.secretHeaders.Accept: is also in headers/);
  });

  test('authenticator input errors', () => {
    expect(() => Authenticator.http({ url: 'http://user:pw@auth/x' })).toThrow(/^authentication.url: .*without credentials/);
    expect(() => Authenticator.http({ url: 'http://auth/x', headers: { Authorization: 'Bearer x' } })).toThrow(/^authentication.headers.Authorization: looks like a credential.*move it to secretHeaders \(\{ authorization: \{ secretName, key \} \}\)/);
    expect(() => Authenticator.jwt({})).toThrow(/^authentication.secret: needs exactly one of secret/);
    fails(ee('5.8.1', { authentication: [Authenticator.builtInDatabase(), Authenticator.builtInDatabase()] }), 'authentication[1]', /repeats a mechanism and backend/);
  });

  test('the node cache exists from 5.9', async () => {
    fails(ee('5.8.1', { authenticationCache: {} }), 'authenticationCache', /exists from 5.9.0/);
    const c = await conf(ee('6.0.1', { authenticationCache: { ttl: '5m' } }));
    expect(c.authentication_settings).toEqual({ node_cache: { enable: true, cache_ttl: '5m', max_count: 1000000 } });
  });

  test('no_match and sources are explicit on every version (deny unless said otherwise)', async () => {
    // `sources` is written even when empty: left out, EMQX loads its shipped acl.conf, whose last rule
    // `{allow, all}.` allows everything, so no_match = deny would never apply (emqx-facts §10.6, §9e.30)
    for (const version of ['5.1.1', '5.8.1']) {
      expect((await conf(ee(version))).authorization).toEqual({ no_match: 'deny', deny_action: 'ignore', sources: [] });
    }
    // from 5.9 the node cache's default moves (on from 6.2): written off (pinned-defaults.ts)
    expect((await conf(ee('6.0.1', { authorization: { noMatch: 'allow', denyAction: 'disconnect' } }))).authorization).toEqual({ no_match: 'allow', deny_action: 'disconnect', sources: [], node_cache: { enable: false } });
  });

  test('a file source renders the ACL in Erlang terms and points at the mounted file', async () => {
    const rules = [
      { permission: 'allow' as const, who: { username: 'bridge' }, action: 'publish' as const, topics: ['hub/${username}/#'] },
      { permission: 'deny' as const, who: 'all' as const, action: 'subscribe' as const, topics: ['$SYS/#', { eq: '#' }] },
    ];
    expect(renderAclFile(rules)).toBe('%% Generated by emqx-constructs; do not edit. First match wins.\n{allow, {username, "bridge"}, publish, ["hub/${username}/#"]}.\n{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.\n');
    const c = await conf(ee('5.8.1', { authorization: { sources: [AuthorizationSource.file(rules), AuthorizationSource.builtInDatabase()] } }));
    expect(c.authorization.sources).toEqual([{ type: 'file', enable: true, path: '/opt/emqx/etc/generated/acl.conf' }, { type: 'built_in_database', enable: true }]);
    expect(() => AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['a/#/b'] }])).toThrow(/wildcard inside a level/);
  });
});

describe('durable sessions', () => {
  test('enterprise 5.8: builtin_raft with replication factor and sites; 6.0: n_sites at the top of durable_storage, the factor for every sessions DB', async () => {
    const c58 = await conf(ee('5.8.1', { durableSessions: {} }));
    expect(c58.durable_sessions).toEqual({ enable: true });
    expect(c58.durable_storage).toEqual({ messages: { backend: 'builtin_raft', n_shards: 16, replication_factor: 3, n_sites: 3 } });
    const c60 = await conf(ee('6.0.1', { cores: 5, durableSessions: { replicationFactor: 5 } }));
    // 6.x keeps sessions, timers and shared subscriptions in DBs of their own, each with its own factor (default 3):
    // the spec's factor is written for each (facts §10.9 36, 38)
    expect(c60.durable_storage).toEqual({
      n_sites: 5,
      messages: { backend: 'builtin_raft', n_shards: 16, replication_factor: 5 },
      sessions: { replication_factor: 5 },
      timers: { replication_factor: 5 },
      shared_subs: { replication_factor: 5 },
    });
  });

  test('open source: one node with singleton discovery and builtin_local, else a clear error', async () => {
    const single = await conf({ name: 'p', version: '5.8.9', cores: 1, discovery: Discovery.singleton(), durableSessions: {} });
    expect(single.cluster.discovery_strategy).toBe('singleton');
    expect(single.durable_storage).toEqual({ messages: { backend: 'builtin_local', n_shards: 16 } });
    fails({ name: 'p', version: '5.8.9', cores: 3, durableSessions: {} }, 'durableSessions', /discovery_strategy = singleton/);
  });

  test('releases before 5.8 and singleton misuse are refused (replication above the core count is a warning check)', () => {
    // EMQX allocates min(sites, replication_factor) replicas (emqx-facts §10.9.38): not a refusal any more
    expect(resolveClusterSpec(ee('5.8.1', { durableSessions: { replicationFactor: 5 } })).durableSessions).toMatchObject({ replicationFactor: 5, nSites: 3 });
    fails(ee('5.4.1', { durableSessions: {} }), 'durableSessions', /from EMQX 5.8/);
    fails({ name: 'p', version: '5.8.9', cores: 3, discovery: Discovery.singleton() }, 'discovery', /clusters with nobody/);
    fails({ name: 'p', version: '5.4.1', cores: 1, discovery: Discovery.singleton() } as any, 'discovery', /added in 5.8.0/);
  });
});

describe('the IIoT pipeline example', () => {
  test.each(['5.1.1', '5.8.1', '6.0.1'])('%s renders its own layout, with nothing secret in emqx.conf', async (version) => {
    const c = resolveClusterSpec({ ...pipelineSpec(version), namespace: 'x' });
    const text = renderEmqxConfig(c, 'core');
    const parsed = await parseHocon(text);
    // the cold copy to S3 where the release has the aggregated upload (enterprise 5.7+)
    expect(Object.keys(parsed.rule_engine.rules).sort()).toEqual(['vibration_to_influx', 'vibration_to_kafka', ...(version === '5.1.1' ? [] : ['vibration_to_s3'])]);
    expect(parsed.actions?.s3?.vibration_archive?.parameters.mode).toBe(version === '5.1.1' ? undefined : 'aggregated');
    expect(version === '5.1.1' ? parsed.bridges.kafka.vibration_raw : parsed.actions.kafka_producer.vibration_raw).toBeDefined();
    // placeholders such as password = "${password}" are templates; no literal credential or Secret reference
    expect(text).not.toMatch(/(password|token|secret)\s*=\s*"(?!\$\{)/);
    expect(text).not.toMatch(/kafka-credentials|influxdb-token|s3-credentials|access_key|emqx-license/);
    expect(parsed.authentication_settings !== undefined).toBe(version === '6.0.1');
  });
});

describe('every buffer is bounded explicitly, within a quarter of the smallest node memory', () => {
  // expected values computed by hand: budget = 25% of the smallest node memory limit, split equally among the
  // buffers not given, each divided by its units (Kafka: partitions; others: 16 buffer workers), whole MiB, 1–256
  const bounds = async (spec: Partial<EmqxClusterSpec>) => {
    const c = await conf(ee('6.0.1', spec));
    return { kafka: c.actions.kafka_producer?.raw.parameters.buffer, influx: c.actions.influxdb?.rms.resource_opts.max_buffer_bytes };
  };
  test.each([
    ['2Gi core, Kafka 1 partition + InfluxDB', {}, '256MB', '16MB'],
    ['2Gi core, Kafka 8 partitions + InfluxDB', { k: { expectedPartitions: 8 } }, '32MB', '16MB'],
    ['Kafka given 2 × 100MB: InfluxDB gets the rest (312Mi / 16)', { k: { expectedPartitions: 2, buffer: { perPartitionLimit: Size.mebibytes(100) } } }, '100MB', '19MB'],
    ['with replicants the smaller 1Gi replicant limit decides', { replicants: 2 }, '128MB', '8MB'],
    ['a 64Mi node: never below 1MB', { coreResources: { requests: { cpu: '1', memory: '64Mi' }, limits: { memory: '64Mi' } } }, '8MB', '1MB'],
  ] as const)('%s', async (_, o: any, kafkaLimit, influxLimit) => {
    const b = await bounds({ replicants: o.replicants, coreResources: o.coreResources, integrations: { kafka: [{ ...kafka, ...o.k }], influxdb: [influx] } });
    expect(b.kafka).toEqual({ mode: 'memory', per_partition_limit: kafkaLimit, memory_overload_protection: true });
    expect(b.influx).toBe(influxLimit);
  });

  test('a disk buffer bounds disk: 256MB unless given, and takes no share of memory', async () => {
    const b = await bounds({ integrations: { kafka: [{ ...kafka, buffer: { mode: 'disk' } }], influxdb: [influx] } });
    expect(b.kafka.per_partition_limit).toBe('256MB');
    expect(b.influx).toBe('32MB');
  });
});

describe("TLS that trusts the image's public CA bundle ('system')", () => {
  const systemKafka = { ...kafka, bootstrapHosts: ['b-1.msk.eu-west-1.amazonaws.com:9096'], tls: { ca: 'system' as const } };
  const kafkaRules = [{ id: 'r1', sql: 'SELECT * FROM "plant/#"', actions: [Action.kafka('raw')] }];

  test.each(['5.8.9', '6.0.1'])("Kafka over TLS to a publicly signed cluster on %s (seed 000: verify_peer, no CA of its own): the image's bundle, no Secret mount", async (version) => {
    const spec = ee(version, { integrations: { kafka: [systemKafka], rules: kafkaRules } });
    const c = await conf(spec);
    const ssl = version === '5.8.9' ? c.connectors.kafka_producer.raw.ssl : c.connectors.kafka_producer.raw.ssl;
    expect(ssl).toMatchObject({ enable: true, verify: 'verify_peer', cacertfile: '/etc/ssl/certs/ca-certificates.crt' });
    expect(resolveClusterSpec(spec).configFiles.filter((f) => f.mountPath.includes('kafka'))).toEqual([]);
  });

  test('an MQTT bridge to a publicly signed broker', async () => {
    const bridge = { name: 'cloud', server: 'mqtt.example.com:8883', ca: 'system' as const, username: 'plant', password: { secretName: 'cloud', key: 'password' }, clientidPrefix: 'plant-a', egress: [{ localFilter: 'up/#', remotePrefix: 'plants/a/' }] };
    const spec = ee('5.8.9', { mqttBridges: [bridge] });
    const c = await conf(spec);
    expect(c.connectors.mqtt.cloud.ssl).toMatchObject({ verify: 'verify_peer', cacertfile: '/etc/ssl/certs/ca-certificates.crt', server_name_indication: 'mqtt.example.com' });
    expect(resolveClusterSpec(spec).configFiles).toEqual([]);
  });

  test('anything else than a Secret reference or system is refused', () => {
    fails(ee('5.8.9', { integrations: { kafka: [{ ...kafka, tls: { ca: 'os' as never } }], rules: kafkaRules } }), 'integrations.kafka[0].tls.ca', /is not a CA source.*or 'system'/);
  });
});

describe('HTTP authentication over https', () => {
  test("verifies the service against the image's public CAs by default, SNI from the URL", async () => {
    const c = await conf(ee('5.8.9', { authentication: [Authenticator.http({ url: 'https://auth.acme.example/mqtt' })] }));
    expect(c.authentication[0].ssl).toEqual({ enable: true, verify: 'verify_peer', server_name_indication: 'auth.acme.example', cacertfile: '/etc/ssl/certs/ca-certificates.crt' });
  });

  test("a private CA from a Secret is mounted and named; an http URL has no ssl block", async () => {
    const spec = ee('6.3.1', { authentication: [Authenticator.http({ url: 'https://auth.iam.svc:8443/mqtt', ca: { secretName: 'iam-ca', key: 'ca.crt' } })] });
    const c = await conf(spec);
    expect(c.authentication[0].ssl.cacertfile).toMatch(/^\/opt\/emqx\/etc\/certs\/authn-http-[0-9a-f]{8}\/ca\.crt$/);
    expect(resolveClusterSpec(spec).configFiles.map((f) => f.ref)).toContainEqual({ secretName: 'iam-ca', key: 'ca.crt' });
    expect((await conf(ee('5.8.9', { authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })] }))).authentication[0].ssl).toBeUndefined();
  });

  test('a CA for an http URL is refused', () => {
    expect(() => Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt', ca: 'system' })).toThrow(/^authentication.ca: is given for an http URL/);
  });
});

describe('InfluxDB over TLS verifies the server', () => {
  const rulesTo = [{ id: 'r1', sql: 'SELECT * FROM "plant/#"', actions: [Action.influxdb('rms')] }];
  test("tls: true verifies against the image's public CAs, SNI from the server's host", async () => {
    const c = await conf(ee('5.8.9', { integrations: { influxdb: [{ ...influx, server: 'influx.acme.example:8086', tls: true }], rules: rulesTo } }));
    expect(c.connectors.influxdb.rms.ssl).toEqual({ enable: true, verify: 'verify_peer', cacertfile: '/etc/ssl/certs/ca-certificates.crt', server_name_indication: 'influx.acme.example' });
  });

  test('a private CA from a Secret is mounted; verification can be turned off explicitly', async () => {
    const spec = ee('5.8.9', { integrations: { influxdb: [{ ...influx, tls: { ca: { secretName: 'influx-ca', key: 'ca.crt' } } }], rules: rulesTo } });
    expect((await conf(spec)).connectors.influxdb.rms.ssl.cacertfile).toBe('/opt/emqx/etc/certs/influxdb-rms/ca.crt');
    expect(resolveClusterSpec(spec).configFiles.map((f) => f.ref)).toContainEqual({ secretName: 'influx-ca', key: 'ca.crt' });
    const off = await conf(ee('5.8.9', { integrations: { influxdb: [{ ...influx, tls: { verify: false } }], rules: rulesTo } }));
    expect(off.connectors.influxdb.rms.ssl.verify).toBe('verify_none');
  });

  test('wrong TLS settings are refused', () => {
    fails(ee('5.8.9', { integrations: { influxdb: [{ ...influx, tls: 'yes' as never }], rules: rulesTo } }), 'integrations.influxdb[0].tls', /is not true, false or TLS settings/);
    fails(ee('5.8.9', { integrations: { influxdb: [{ ...influx, tls: { ca: 'os' as never } }], rules: rulesTo } }), 'integrations.influxdb[0].tls.ca', /is not a CA source/);
  });
});
