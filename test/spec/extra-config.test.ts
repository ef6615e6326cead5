// Extra emqx.conf settings: read at synth (checked against an independent HOCON parser), merged per role, part of the
// config hash, and refused where they would silently override what the typed spec writes.
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { HoconObject, renderHocon } from '../../lib/hocon/hocon';
import { readHocon } from '../../lib/hocon/hocon-read';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { parseHocon } from '../support/hocon';
import '../support/quiet-report';
import { specErrorOf } from '../support/spec-errors';

const base: EmqxClusterSpec = {
  name: 'emqx', version: '5.8.9', edition: EmqxEdition.ENTERPRISE, license: { secretName: 'emqx-license', key: 'license.key' },
  cores: 3, replicants: 2, networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
};
function configMap(spec: EmqxClusterSpec): { conf: Record<string, string>; objects: any[] } {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'iot', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', spec);
  const objects = chart.toJson();
  return { conf: objects.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'emqx-config').data, objects };
}
const hashOf = (objects: any[], kind: string) => objects.find((o) => o.kind === kind).spec.template.metadata.annotations['emqx-constructs.io/config-hash'];

test("seed 004's topic alias and seed 001's durable-session tunables, as HOCON for all nodes and as data for the cores", async () => {
  const { conf } = configMap({
    ...base,
    extraConfig: {
      all: 'mqtt.max_topic_alias = 65535\n# seed 001\ndurable_sessions {\n  batch_size = 100\n  idle_poll_interval = 10ms\n}\n',
      core: { 'durable_sessions.heartbeat_interval': '5s', durable_sessions: { session_gc_interval: '10m' } },
    },
  });
  const core = await parseHocon(conf['emqx-core.conf']);
  const replicant = await parseHocon(conf['emqx-replicant.conf']);
  expect(core.mqtt.max_topic_alias).toBe(65535);
  expect(core.durable_sessions).toEqual({ batch_size: 100, idle_poll_interval: '10ms', heartbeat_interval: '5s', session_gc_interval: '10m' });
  expect(replicant.durable_sessions).toEqual({ batch_size: 100, idle_poll_interval: '10ms' });
  // the library's own mqtt settings stay
  expect(core.mqtt.strict_mode).toBe(false);
});

test("a pinned default without a typed setting (node.dist_net_ticktime) takes the extra settings' value; one with a typed setting does not", async () => {
  const { conf } = configMap({ ...base, extraConfig: { all: 'node.dist_net_ticktime = 30s' } });
  const core = await parseHocon(conf['emqx-core.conf']);
  expect(core.node.dist_net_ticktime).toBe('30s');
  expect(specErrorOf(() => configMap({ ...base, extraConfig: { all: 'mqtt.strict_mode = true' } }))).toMatchObject({ field: 'extraConfig.all', message: expect.stringContaining('use the typed setting (mqtt) instead') });
});

test('the extra settings are part of the config hash: changing them rolls the pods of the roles they reach', () => {
  const before = configMap(base).objects;
  const after = configMap({ ...base, extraConfig: { core: 'mqtt.max_topic_alias = 65535' } }).objects;
  expect(hashOf(after, 'StatefulSet')).not.toBe(hashOf(before, 'StatefulSet'));
  expect(hashOf(after, 'Deployment')).toBe(hashOf(before, 'Deployment'));
});

test('with the EMQX Operator, extraConfig.all goes into config.data; per-role settings are refused', () => {
  const acknowledgements = [{ id: 'EMQX-OperatorBlueGreenUpdates', reason: 'accepted for this test cluster' }];
  const { objects } = (() => {
    const chart = new Chart(Testing.app(), 'op', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', { ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements, extraConfig: { all: 'mqtt.max_topic_alias = 65535' } });
    return { objects: chart.toJson() };
  })();
  expect(objects.find((o: any) => o.kind === 'EMQX').spec.config.data).toContain('max_topic_alias = 65535');
  expect(() => configMap({ ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements, extraConfig: { core: 'a = 1' } }))
    .toThrow(expect.objectContaining({ field: 'extraConfig.core', message: expect.stringContaining('one configuration for both roles') }));
});

test.each([
  [{ all: 'mqtt {\n  max_topic_alias = 65535\n  max_inflight 32\n}' }, 'extraConfig.all', 'is not valid HOCON (line 3, column 16: expected'],
  [{ all: 'a = "unterminated' }, 'extraConfig.all', 'unterminated or invalid quoted string'],
  [{ all: 'a = ${HOME}' }, 'extraConfig.all', 'substitutions (${...}) are not supported'],
  [{ all: 'include "other.conf"' }, 'extraConfig.all', 'includes are not supported'],
  [{ all: 'log.console.level = debug' }, 'extraConfig.all', 'sets log.console.level, which the library writes (log.console.level) from the spec (got "log.console.level"); use the typed setting (logLevel) instead'],
  [{ core: { listeners: { tcp: { default: { bind: '0.0.0.0:1884' } } } } }, 'extraConfig.core', 'use the typed setting (listeners) instead'],
  [{ replicant: 'node.role = core' }, 'extraConfig.replicant', 'which the library writes (node.role)'],
  [{ all: { 'mqtt..x': 1 } }, 'extraConfig.all.mqtt..x', 'is not a key path'],
  [{ all: { a: () => 1 } }, 'extraConfig.all.a', 'is not configuration data'],
  [{ all: { a: Number.NaN } }, 'extraConfig.all.a', 'is not a finite number'],
  [{ all: 42 }, 'extraConfig.all', 'is not HOCON text or a map of settings'],
  [{ every: 'a = 1' }, 'extraConfig.every', 'is not a known setting'],
])('extraConfig %j is refused: %s', (extraConfig, field, message) => {
  expect(specErrorOf(() => configMap({ ...base, extraConfig: extraConfig as never }))).toMatchObject({ field, message: expect.stringContaining(message) });
});

test('an empty map sets no key, so it collides with nothing', () => {
  expect(() => configMap({ ...base, extraConfig: { all: 'authorization = {}' } })).not.toThrow();
});

test('an EMQX_* variable that would override a key the spec writes is refused (the environment wins over emqx.conf)', () => {
  expect(() => configMap({ ...base, workload: { env: [{ name: 'EMQX_LOG__CONSOLE__LEVEL', value: 'debug' }] } }))
    .toThrow(expect.objectContaining({ field: 'workload.env (core)', message: expect.stringContaining('overrides log.console.level') }));
  expect(() => configMap({ ...base, workload: { env: [{ name: 'EMQX_MQTT__MAX_TOPIC_ALIAS', value: '65535' }] } })).not.toThrow();
});

describe('readHocon against an independent parser (@pushcorn/hocon-parser)', () => {
  const fragments = [
    'a = 1\nb: "two"\nc { d = true, e = [1, 2, 3] }',
    'mqtt.max_topic_alias = 65535\nmqtt { max_inflight = 32 }\n',
    '{ "quoted.key" = x, list = [\n  a\n  b\n] }',
    '# comment\nx = 30s // trailing\ny = 1MB\nz = """multi\nline"""',
    'a { b { c = 1 } }\na.b.d = 2\na.b.c = 3',
  ];
  test.each(fragments)('%j', async (text) => {
    expect(readHocon(text)).toEqual(await parseHocon(text));
  });

  test('what renderHocon writes reads back to the same tree (fast-check)', () => {
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), fc.string({ minLength: 1, maxLength: 6 }));
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((d) => !Object.is(d, -0)));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('object')),
      object: fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 4 }),
    })).object as fc.Arbitrary<HoconObject>;
    fc.assert(fc.property(tree, (t) => {
      expect(readHocon(renderHocon(t))).toEqual(t);
    }), { numRuns: 500 });
  }, 60_000);
});
