import * as fc from 'fast-check';
import { Discovery } from '../../lib/model/discovery';
import { distributionPort, EmqxClusterSpec, resolveClusterSpec, ZoneSpread } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { EmqxVersion } from '../../lib/versions/emqx-version';
import { ListenerType } from '../../lib/model/listener-spec';
import { Size } from '../../lib/validation/size';
import { Exposure } from '../../lib/model/exposure';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const base: EmqxClusterSpec = { name: 'plant-east', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const license = { secretName: 'emqx-license', key: 'license.key' };

function fails(spec: Partial<EmqxClusterSpec>, field: string, message: RegExp): void {
  const run = () => resolveClusterSpec({ ...base, ...spec } as EmqxClusterSpec);
  expect(run).toThrow(EmqxSpecError);
  expect(run).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
  expect(run).toThrow(message);
}

describe('resolveClusterSpec defaults', () => {
  const c = resolveClusterSpec(base);

  test('three cores, no replicants, DNS SRV discovery, open source up to 5.8', () => {
    expect(c.cores).toBe(3);
    expect(c.replicants).toBe(0);
    expect(c.discovery.strategy).toBe('dns');
    expect(c.edition).toBe(EmqxEdition.OPEN_SOURCE);
    expect(c.image).toBe('emqx/emqx:5.8.9');
  });

  test('names, node names and discovery DNS name come from one place', () => {
    expect(c.names.coreStatefulSet).toBe('plant-east-core');
    expect(c.names.headlessService).toBe('plant-east-headless');
    expect(c.discoveryDnsName).toBe('plant-east-headless.iot.svc.cluster.local');
    expect(c.coreNodeName).toBe('emqx@$(POD_NAME).plant-east-headless.iot.svc.cluster.local');
    expect(c.coreNodeNames).toEqual([0, 1, 2].map((i) => `emqx@plant-east-core-${i}.plant-east-headless.iot.svc.cluster.local`));
  });

  test('ports: distribution 4370, gen_rpc 5369, dashboard 18083; one TCP listener on 1883', () => {
    expect(c.ports).toEqual({ distribution: 4370, genRpc: 5369, dashboard: 18083 });
    expect(c.listeners).toHaveLength(1);
    expect(c.listeners[0]).toMatchObject({ type: 'tcp', name: 'default', port: 1883, portName: 'mqtt-tcp', limits: {}, proxyProtocol: false });
    expect(c.listeners[0].exposure.kind).toBe('cluster-ip');
  });

  test('secrets default to keys of <name>-secrets; cores spread hard, replicants soft', () => {
    expect(c.secrets.cookie).toEqual({ secretName: 'plant-east-secrets', key: 'node-cookie' });
    expect(c.secrets.dashboardPassword).toEqual({ secretName: 'plant-east-secrets', key: 'dashboard-password' });
    expect(c.coreZoneSpread).toBe(ZoneSpread.HARD);
    expect(c.replicantZoneSpread).toBe(ZoneSpread.SOFT);
  });

  test('enterprise is the default edition from 5.9, with its own repository', () => {
    const ee = resolveClusterSpec({ ...base, version: '6.0.1', cores: 1 });
    expect(ee.edition).toBe(EmqxEdition.ENTERPRISE);
    expect(ee.image).toBe('emqx/emqx-enterprise:6.0.1');
    expect(resolveClusterSpec({ ...base, imageRepository: 'registry.example.com/emqx/emqx' }).image).toBe('registry.example.com/emqx/emqx:5.8.9');
  });

  test('the namespace falls back to the caller default, then to "default"', () => {
    const { namespace: _ns, ...noNs } = base;
    expect(resolveClusterSpec(noNs, { namespace: 'from-chart' }).namespace).toBe('from-chart');
    expect(resolveClusterSpec(noNs).namespace).toBe('default');
  });
});

describe('distribution port', () => {
  test('is 4370 plus the trailing integer of the short node name (ekka_dist)', () => {
    expect(distributionPort('emqx')).toBe(4370);
    expect(distributionPort('emqx1')).toBe(4371);
    expect(distributionPort('my-release3')).toBe(4373);
    expect(resolveClusterSpec({ ...base, nodeShortName: 'plant7' }).ports.distribution).toBe(4377);
  });

  test('property: names without trailing digits always use 4370; with digits N use 4370 + N mod 60000', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z_-]{0,10}[a-z]$/), fc.nat(99999), (stem, n) => {
        expect(distributionPort(stem)).toBe(4370);
        expect(distributionPort(`${stem}${n}`)).toBe(4370 + (n % 60000));
      }),
    );
  });
});

describe('resolveClusterSpec refuses impossible specs, naming field, value and fix', () => {
  test.each([0, -1, 1.5, Number.NaN])('cores = %p', (cores) => fails({ cores }, 'cores', /whole number of at least 1/));
  test.each([-1, 2.5])('replicants = %p', (replicants) => fails({ edition: EmqxEdition.ENTERPRISE, replicants }, 'replicants', /whole number of at least 0/));
  test.each(['Plant', '1plant', 'plant_east', 'plant-', '', 'a'.repeat(41)])('name = %p', (name) => fails({ name }, 'name', /not a valid cluster name/));
  test('namespace with upper case', () => fails({ namespace: 'IoT' }, 'namespace', /not a valid namespace/));
  test('unknown version', () => fails({ version: '4.4.19' }, 'version', /EMQX 4.4 is not supported/));
  test('missing version', () => fails({ version: undefined }, 'version', /is required/));

  test('replicants on open source 5.8', () =>
    fails({ replicants: 2 }, 'replicants', /open-source EMQX 5.8.9 has no replicant role.*use edition: EmqxEdition.ENTERPRISE/));

  test('replicants are fine on open source 5.7 and enterprise 5.8', () => {
    expect(resolveClusterSpec({ ...base, version: '5.7.2', replicants: 2 }).replicants).toBe(2);
    expect(resolveClusterSpec({ ...base, edition: EmqxEdition.ENTERPRISE, replicants: 2 }).replicants).toBe(2);
  });

  test('open source on 6.0', () => fails({ version: '6.0.1', edition: EmqxEdition.OPEN_SOURCE, license }, 'edition', /has no open-source edition/));

  test('more than one node on 5.9+ without a license', () => {
    fails({ version: '5.10.4', cores: 3 }, 'license', /runs more than one node.*only with a license key/);
    fails({ version: '6.0.1', cores: 1, replicants: 1 }, 'license', /license key/);
    expect(resolveClusterSpec({ ...base, version: '6.0.1', cores: 1 }).license).toBeUndefined();
    expect(resolveClusterSpec({ ...base, version: '6.0.1', cores: 3, license }).license).toEqual(license);
  });

  test('a license on open source (EMQX would silently ignore the root)', () => fails({ license }, 'license', /has no license setting/));

  test('bad secret references', () => {
    fails({ secrets: { cookie: { secretName: 'Bad_Name', key: 'k' } } }, 'secrets.cookie.secretName', /not a valid Secret name/);
    fails({ secrets: { dashboardPassword: { secretName: 'ok', key: 'a b' } } }, 'secrets.dashboardPassword.key', /not a valid Secret key/);
  });

  test('listeners: two on one port, a reserved port, a duplicate name, a bad port', () => {
    fails({ listeners: [{ type: ListenerType.TCP }, { type: ListenerType.WS, port: 1883 }] }, 'listeners[1].port', /already used by listeners.tcp.default/);
    fails({ listeners: [{ type: ListenerType.TCP, port: 5369 }] }, 'listeners[0].port', /used by gen_rpc/);
    fails({ listeners: [{ type: ListenerType.TCP, port: 4370 }] }, 'listeners[0].port', /Erlang distribution/);
    fails({ listeners: [{ type: ListenerType.TCP, port: 18083 }] }, 'listeners[0].port', /dashboard/);
    fails({ listeners: [{ type: ListenerType.TCP }, { type: ListenerType.TCP, port: 1884 }] }, 'listeners[1].name', /listeners.tcp.default is already declared by listeners\[0\]/);
    fails({ listeners: [{ type: ListenerType.TCP, port: 70000 }] }, 'listeners[0].port', /not a TCP port/);
    fails({ listeners: [{ type: 'quic' as ListenerType }] }, 'listeners[0].type', /not a listener type/);
  });

  test('listener rate limits: positive whole numbers; bursts only from 5.9; WebSocket paths only on ws/wss', () => {
    fails({ listeners: [{ type: ListenerType.TCP, maxConnRate: 0 }] }, 'listeners[0].maxConnRate', /at least 1/);
    fails({ listeners: [{ type: ListenerType.TCP, messagesPerSecond: 2.5 }] }, 'listeners[0].messagesPerSecond', /whole number/);
    fails({ listeners: [{ type: ListenerType.TCP, maxConnBurst: 100 }] }, 'listeners[0].maxConnBurst', /EMQX 5.8.9 has no max_conn_burst.*from 5.9.0/);
    fails({ listeners: [{ type: ListenerType.TCP, bytesBurst: Size.kibibytes(64) }] }, 'listeners[0].bytesBurst', /has no bytes_burst/);
    fails({ listeners: [{ type: ListenerType.TCP, websocketPath: '/mqtt' }] }, 'listeners[0].websocketPath', /has no WebSocket path/);
    fails({ listeners: [{ type: ListenerType.WS, websocketPath: 'mqtt' }] }, 'listeners[0].websocketPath', /not a URL path/);
    const ok = resolveClusterSpec({ ...base, version: '5.10.4', cores: 1, listeners: [{ type: ListenerType.TCP, maxConnRate: 500, maxConnBurst: 100, bytesPerSecond: Size.kibibytes(64), bytesBurst: Size.kibibytes(256) }] });
    expect(ok.listeners[0].limits).toEqual({ max_conn_rate: '500/s', bytes_rate: '64KB/s', max_conn_burst: 100, bytes_burst: '256KB' });
  });

  test('NLB exposures: valid names, CIDRs and host names; listeners sharing an NLB agree', () => {
    expect(() => Exposure.awsNlb({ name: 'Public' })).toThrow(/^exposure.name: /);
    expect(() => Exposure.awsNlb({ sourceRanges: ['10.0.0.0'] })).toThrow(/^exposure.sourceRanges\[0\]: .*not a CIDR/);
    expect(() => Exposure.awsNlb({ hostname: 'MQTT.example.com' })).toThrow(/^exposure.hostname: /);
    const a = Exposure.awsNlb({ scheme: 'internet-facing' });
    const b = Exposure.awsNlb({ scheme: 'internal' });
    fails({ listeners: [{ type: ListenerType.TCP, exposure: a }, { type: ListenerType.WS, exposure: b }] }, 'listeners[1].exposure', /different settings/);
    fails({ listeners: [{ type: ListenerType.TCP, exposure: a, proxyProtocol: true }, { type: ListenerType.WS, exposure: a }] }, 'listeners[1].proxyProtocol', /PROXY protocol to all its targets or to none/);
  });

  test('MQTT limits: client id length, packet size, keepalive multiplier', () => {
    fails({ mqtt: { maxClientIdLength: 10 } }, 'mqtt.maxClientIdLength', /from 23 to 65535/);
    fails({ mqtt: { maxPacketSize: Size.mebibytes(512) } }, 'mqtt.maxPacketSize', /outside what MQTT can carry/);
    fails({ mqtt: { keepaliveMultiplier: 0.5 } }, 'mqtt.keepaliveMultiplier', /at least 1/);
    expect(() => Size.mebibytes(0.5)).toThrow(/whole, non-negative/);
  });

  test('a TLS listener without a certificate source', () => fails({ listeners: [{ type: ListenerType.SSL }] }, 'listeners[0].tls', /needs a certificate source/));

  test('quantities, storage class, discovery, domain and labels', () => {
    fails({ storage: { size: '10 GB' } }, 'storage.size', /not a Kubernetes quantity/);
    fails({ coreResources: { requests: { memory: 'lots' } } }, 'coreResources.requests.memory', /not a Kubernetes quantity/);
    fails({ storage: { storageClassName: 'GP3' } }, 'storage.storageClassName', /StorageClass/);
    fails({ discovery: Discovery.kubernetes({ apiServer: 'kubernetes' }) }, 'discovery.apiServer', /not a URL/);
    fails({ clusterDomain: 'Cluster..local' }, 'clusterDomain', /not a DNS domain/);
    fails({ labels: { 'app.kubernetes.io/name': 'x' } }, 'labels.app.kubernetes.io/name', /set by the library/);
    fails({ nodeShortName: 'Emqx' }, 'nodeShortName', /not a valid node short name/);
    fails({ terminationGracePeriodSeconds: -5 }, 'terminationGracePeriodSeconds', /at least 0/);
  });

  test('a version given as an EmqxVersion object works like its string', () => {
    expect(resolveClusterSpec({ ...base, version: EmqxVersion.V5_8_9 }).version.version).toBe('5.8.9');
  });
});
