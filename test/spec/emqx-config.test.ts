import { Discovery } from '../../lib/model/discovery';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { ListenerType } from '../../lib/model/listener-spec';
import { Size } from '../../lib/validation/size';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const license = { secretName: 'emqx-license', key: 'license.key' };

async function conf(spec: Partial<EmqxClusterSpec>, role: 'core' | 'replicant' = 'core'): Promise<any> {
  const c = resolveClusterSpec({ name: 'emqx', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES, ...spec } as EmqxClusterSpec);
  return parseHocon(renderEmqxConfig(c, role));
}

describe('emqx.conf per version', () => {
  test('5.1: gen_rpc port under rpc.tcp_server_port, node.role, replicants allowed on open source', async () => {
    const core = await conf({ version: '5.1.6', replicants: 2 });
    const replicant = await conf({ version: '5.1.6', replicants: 2 }, 'replicant');
    expect(core.rpc).toEqual({ port_discovery: 'manual', tcp_server_port: 5369 });
    expect(core.node).toEqual({ data_dir: 'data', role: 'core' });
    expect(replicant.node.role).toBe('replicant');
    expect(core.rpc.server_port).toBeUndefined();
  });

  test('5.4: still tcp_server_port', async () => {
    expect((await conf({ version: '5.4.1', edition: EmqxEdition.ENTERPRISE })).rpc).toEqual({ port_discovery: 'manual', tcp_server_port: 5369 });
  });

  test('5.8: rpc.server_port, no cluster.core_nodes', async () => {
    const c = await conf({ version: '5.8.9' });
    expect(c.rpc).toEqual({ port_discovery: 'manual', server_port: 5369 });
    expect(c.cluster.core_nodes).toBeUndefined();
  });

  test('6.0: rpc.server_port and no license key in the file (it comes from a Secret)', async () => {
    const c = await conf({ version: '6.0.1', cores: 3, replicants: 3, license });
    expect(c.rpc).toEqual({ port_discovery: 'manual', server_port: 5369 });
    expect(c.license).toBeUndefined();
    expect(JSON.stringify(c)).not.toMatch(/cookie|password/);
  });
});

describe('emqx.conf content every version needs', () => {
  test('node.data_dir and the dashboard bind are set explicitly (the replaced file set them)', async () => {
    const c = await conf({});
    expect(c.node.data_dir).toBe('data');
    expect(c.dashboard.listeners.http.bind).toBe('0.0.0.0:18083');
  });

  test('DNS SRV discovery names the headless Service', async () => {
    expect((await conf({})).cluster).toEqual({ name: 'emqx', discovery_strategy: 'dns', dns: { name: 'emqx-headless.iot.svc.cluster.local', record_type: 'srv' } });
  });

  test('k8s discovery uses hostname addresses with the cluster domain suffix', async () => {
    const c = await conf({ discovery: Discovery.kubernetes(), clusterDomain: 'k8s.internal' });
    expect(c.cluster.k8s).toEqual({
      apiserver: 'https://kubernetes.default.svc:443',
      service_name: 'emqx-headless',
      address_type: 'hostname',
      namespace: 'iot',
      suffix: 'svc.k8s.internal',
    });
  });

  test('static seeds list every core node name', async () => {
    const c = await conf({ discovery: Discovery.staticSeeds(), cores: 3 });
    expect(c.cluster.static.seeds).toEqual([0, 1, 2].map((i) => `emqx@emqx-core-${i}.emqx-headless.iot.svc.cluster.local`));
  });

  test('every listener the spec does not declare is disabled explicitly', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.TCP, name: 'internal', port: 11883, maxConnections: 1000 }, { type: ListenerType.WS }] });
    expect(c.listeners.tcp.internal).toEqual({ enable: true, bind: '0.0.0.0:11883', max_connections: 1000 });
    expect(c.listeners.tcp.default).toEqual({ enable: false });
    expect(c.listeners.ssl.default).toEqual({ enable: false });
    expect(c.listeners.ws.default).toEqual({ enable: true, bind: '0.0.0.0:8083', websocket: { mqtt_path: '/mqtt' } });
    expect(c.listeners.wss.default).toEqual({ enable: false });
  });

  test('listener limits and proxy protocol are written in EMQX notation', async () => {
    const c = await conf({ listeners: [{ type: ListenerType.TCP, maxConnRate: 1000, messagesPerSecond: 100, bytesPerSecond: Size.mebibytes(1), proxyProtocol: true }, { type: ListenerType.WS, websocketPath: '/ws' }] });
    expect(c.listeners.tcp.default).toEqual({ enable: true, bind: '0.0.0.0:1883', max_conn_rate: '1000/s', messages_rate: '100/s', bytes_rate: '1MB/s', proxy_protocol: true });
    expect(c.listeners.ws.default.websocket).toEqual({ mqtt_path: '/ws' });
  });

  test('MQTT limits appear only when set, with units', async () => {
    // only strict_mode, the release's own value written explicitly (its default moves in 6.3: pinned-defaults.ts)
    expect((await conf({})).mqtt).toEqual({ strict_mode: false });
    const c = await conf({ mqtt: { maxPacketSize: Size.mebibytes(4), maxClientIdLength: 128, keepaliveMultiplier: 1.5, maxTopicLevels: 16 } });
    expect(c.mqtt).toEqual({ max_packet_size: '4MB', max_clientid_len: 128, keepalive_multiplier: 1.5, max_topic_levels: 16, strict_mode: false });
  });

  test('5.9+ listener burst keys are written on 5.10', async () => {
    const c = await conf({ version: '5.10.4', cores: 1, listeners: [{ type: ListenerType.TCP, messagesPerSecond: 50, messagesBurst: 200 }] });
    expect(c.listeners.tcp.default).toMatchObject({ messages_rate: '50/s', messages_burst: 200 });
  });

  test('logs go to the console only, at the chosen level', async () => {
    expect((await conf({ logLevel: 'info' })).log).toEqual({ console: { enable: true, level: 'info' }, file: { enable: false } });
  });

  test('rendering is deterministic', () => {
    const c = resolveClusterSpec({ name: 'emqx', version: '5.8.9' });
    expect(renderEmqxConfig(c, 'core')).toBe(renderEmqxConfig(resolveClusterSpec({ name: 'emqx', version: '5.8.9' }), 'core'));
  });
});

describe("MQTT session limits (types and ranges from EMQX's schema dumps 5.1-5.8)", () => {
  const { resolveClusterSpec } = require('../../lib/model/emqx-cluster-spec');
  const { renderEmqxConfig } = require('../../lib/hocon/emqx-config');
  const conf = (mqtt: object) => renderEmqxConfig(resolveClusterSpec({ name: 'emqx', version: '5.8.9', mqtt }), 'core');

  test("strictMode: the spec's value over the release's default (legacy devices on 6.3)", async () => {
    const { parseHocon } = require('../support/hocon');
    const six3 = (mqtt: object) => renderEmqxConfig(resolveClusterSpec({ name: 'emqx', version: '6.3.1', license: { secretName: 'l', key: 'k' }, mqtt }), 'core');
    expect((await parseHocon(six3({}))).mqtt.strict_mode).toBe(true);
    expect((await parseHocon(six3({ strictMode: false }))).mqtt.strict_mode).toBe(false);
  });

  test('each typed limit is written under its key', async () => {
    const { parseHocon } = require('../support/hocon');
    const parsed = await parseHocon(conf({
      maxTopicAlias: 65535, maxInflight: 64, maxMqueueLength: 'infinity', retryInterval: '30s', sessionExpiryInterval: '2h',
      maxSubscriptions: 100, maxAwaitingRel: 0, awaitRelTimeout: '300s', idleTimeout: '15s',
    }));
    expect(parsed.mqtt).toMatchObject({
      max_topic_alias: 65535, max_inflight: 64, max_mqueue_len: 'infinity', retry_interval: '30s', session_expiry_interval: '2h',
      max_subscriptions: 100, max_awaiting_rel: 0, await_rel_timeout: '300s', idle_timeout: '15s',
    });
  });

  test.each([
    [{ maxTopicAlias: 65536 }, 'mqtt.maxTopicAlias', 'must be a whole number from 0 to 65535'],
    [{ maxInflight: 0 }, 'mqtt.maxInflight', 'must be a whole number from 1 to 65535'],
    [{ maxMqueueLength: -1 }, 'mqtt.maxMqueueLength', 'must be a whole number from 0'],
    [{ maxSubscriptions: 0 }, 'mqtt.maxSubscriptions', 'must be a whole number from 1'],
    [{ maxAwaitingRel: 'lots' }, 'mqtt.maxAwaitingRel', 'must be a whole number'],
    [{ retryInterval: '30 seconds' }, 'mqtt.retryInterval', 'is not a duration'],
    [{ sessionExpiryInterval: 'infinity' }, 'mqtt.sessionExpiryInterval', 'is not a duration'],
    [{ awaitRelTimeout: 300 }, 'mqtt.awaitRelTimeout', 'is not a duration'],
    [{ idleTimeout: '1w' }, 'mqtt.idleTimeout', 'is not a duration'],
    [{ maxTopicAliases: 10 }, 'mqtt.maxTopicAliases', "did you mean 'maxTopicAlias'?"],
    [{ strictMode: 'yes' }, 'mqtt.strictMode', 'is not true or false'],
  ])('%j is refused: %s %s', (mqtt, field, message) => {
    expect(() => conf(mqtt)).toThrow(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });
});
