// The defects found by trying the library as users would (issue "Hardening"), one test each.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Authenticator } from '../../lib/model/authentication';
import { Size } from '../../lib/validation/size';
import { Peer } from '../../lib/network/network-peer';
import { Route } from '../../lib/federation/federation-spec';
import { EmqxVersion } from '../../lib/versions/emqx-version';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const base: EmqxClusterSpec = { name: 'plant', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const auth = [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })];

function specError(spec: Partial<EmqxClusterSpec>): EmqxSpecError {
  try {
    resolveClusterSpec({ ...base, ...spec } as EmqxClusterSpec);
  } catch (e) {
    if (e instanceof EmqxSpecError) return e;
    throw e;
  }
  throw new Error('the spec was accepted');
}

describe('2. Service names cannot collide', () => {
  test.each([
    ['headless', 'the headless discovery Service'],
    ['dashboard', 'the dashboard Service'],
    ['mqtt', 'the in-cluster listener Service'],
    ['metrics', 'the metrics Service'],
  ])("an NLB exposure named '%s' is refused: its Service would replace %s", (name, what) => {
    const e = specError({ authentication: auth, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name }) }] });
    expect(e.field).toBe('listeners[0].exposure.name');
    expect(e.message).toContain(`its Service 'plant-${name}' would replace ${what}`);
    expect(e.message).toMatch(/e\.g\. 'public', 'devices'/);
  });

  test("a near miss passes: 'mqtt-public' is not one of ours", () => {
    const c = resolveClusterSpec({ ...base, authentication: auth, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'mqtt-public' }) }] });
    expect(c.listeners[0].serviceName).toBe('plant-mqtt-public');
  });

  test('two objects with the same kind, namespace and name fail synthesis, naming both', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plants', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', base);
    // e.g. a user's own Service that happens to take the discovery Service's name
    new ApiObject(chart, 'Mine', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plant-headless' } });
    expect(() => app.synth()).toThrow(/two objects are Service 'plant-headless' in namespace 'iot' \(plants\/Emqx\/\S+ and plants\/Mine\)/);
  });

  test('the same name in another kind, API group or namespace is not a collision', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plants', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', base);
    new ApiObject(chart, 'OtherNs', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plant-headless', namespace: 'elsewhere' } });
    new ApiObject(chart, 'OtherKind', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plant-headless' } });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('3. one quantity parser, by the Kubernetes grammar', () => {
  // hand-checked against the grammar in k8s.io/apimachinery/pkg/api/resource (quantity.go)
  test.each(['1Gii', '1..5Gi', '5mM', 'Gi', '1 Gi', '1.5.5', '', '1e', '0x10'])("'%s' is refused where it is given, naming the field", (q) => {
    expect(specError({ coreResources: { requests: { memory: q } } }).field).toBe('coreResources.requests.memory');
    expect(specError({ storage: { size: q } }).field).toBe('storage.size');
  });

  test.each(['1Gi', '512Mi', '1.5G', '.5Gi', '5.', '500m', '1e3', '1E-3', '+2'])("'%s' is accepted", (q) => {
    expect(() => resolveClusterSpec({ ...base, coreResources: { requests: { memory: q, cpu: '1' } } })).not.toThrow();
  });

  test('negative resources and sizes are refused', () => {
    expect(specError({ storage: { size: '-10Gi' } }).message).toMatch(/^storage\.size: is negative/);
  });

  test('what the spec accepts, the Kafka buffer check can read (it crashed on 1..5Gi before)', () => {
    const kafka = { integrations: { kafka: [{ name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw', expectedPartitions: 4, buffer: { perPartitionLimit: Size.mebibytes(256) } }] } };
    const app = Testing.app();
    const c = new EmqxCluster(new Chart(app, 'x', { namespace: 'iot' }), 'Emqx', { ...base, ...kafka, version: '6.0.1', license: { secretName: 'l', key: 'k' }, coreResources: { requests: { cpu: '1', memory: '.5Gi' }, limits: { memory: '1.5Gi' } } });
    expect(c.checks.results().map((f) => f.id)).toContain('EMQX-BuffersExceedMemory');
  });
});

describe('4. Secret references are validated where they are given', () => {
  test('an authenticator on a listener names its own field', () => {
    expect(() => Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt', secretHeaders: { authorization: { secretName: 'Not_A_Valid_Name!', key: 'bearer' } } }))
      .toThrow(/^authentication\.secretHeaders\.authorization\.secretName: is not a valid Secret name/);
    expect(() => Authenticator.jwt({ secret: { secretName: 'jwt', key: 'bad key!' } })).toThrow(/^authentication\.secret\.key: is not a valid Secret key/);
    expect(() => Authenticator.builtInDatabase({ bootstrapUsers: { secretName: 'UPPER', key: 'users.csv' } })).toThrow(/^authentication\.bootstrapUsers\.secretName/);
  });

  test('integrations and bridges too', () => {
    const kafka = { name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw', sasl: { mechanism: 'plain' as const, username: 'u', password: { secretName: 'Bad Name', key: 'p' } } };
    expect(specError({ version: '6.0.1', license: { secretName: 'l', key: 'k' }, integrations: { kafka: [kafka] } }).field).toBe('integrations.kafka[0].sasl.password.secretName');
  });
});

describe('5. CIDRs: one validator, as the API server parses them', () => {
  test.each(['999.1.1.1/40', '10.0.0.1/33', '10.1/16', '010.0.0.0/8', 'fd00::/129', '10.0.0.0', 'ten/8'])("Exposure.awsNlb refuses sourceRanges '%s'", (r) => {
    expect(() => Exposure.awsNlb({ sourceRanges: [r] })).toThrow(/^exposure\.sourceRanges\[0\]: is not a CIDR/);
    expect(() => Peer.cidr(r)).toThrow(/is not a CIDR/);
  });

  test.each(['203.0.113.0/24', '0.0.0.0/0', 'fd00::/8', '::/0'])("'%s' is accepted by both", (r) => {
    expect(Exposure.awsNlb({ sourceRanges: [r] }).nlb!.sourceRanges).toEqual([r]);
    expect(() => Peer.cidr(r)).not.toThrow();
  });
});

describe('7. a literal password gets the reason and the way, not "Secret name undefined"', () => {
  test('secrets.dashboardPassword as a string', () => {
    const e = specError({ secrets: { dashboardPassword: 'public' as never } });
    expect(e.field).toBe('secrets.dashboardPassword');
    expect(e.message).toMatch(/secret values come from a Kubernetes Secret, never from the spec/);
    expect(e.message).toMatch(/dashboardPassword: \{ secretName: 'emqx-secrets', key: '\.\.\.' \}/);
    // the literal itself is never echoed back (error messages end up in CI logs)
    expect(e.message).not.toContain('public');
  });
});

describe('11. the core-majority alert says what a majority is needed for', () => {
  test('autoheal and builtin_raft, not database writes (Mria cores use plain Mnesia transactions)', () => {
    const { ALERT_RUNBOOKS } = require('../../lib/monitoring/alert-runbooks');
    const text = JSON.stringify(ALERT_RUNBOOKS);
    expect(text).not.toMatch(/stops database writes|database writable/);
    expect(text).toMatch(/autoheal/);
  });
});

describe('fuzz finding: Peer.namespace(undefined) opened the dashboard to every namespace', () => {
  test.each([undefined, null, 42, ['ns'], '', 'UPPER'])('Peer.namespace(%p) is refused', (v) => {
    expect(() => Peer.namespace(v as never)).toThrow(/^peer\.namespace: is not a namespace name/);
  });
});

describe('6. a route prefix is checked where the user wrote it', () => {
  test.each(['hub/#/{plant}/', 'hub/+/{plant}/', '$hub/{plant}/', '/hub/{plant}/'])("Route.up(…, { prefix: '%s' }) names route.up.prefix", (prefix) => {
    expect(() => Route.up('plant/+/alerts/#', { prefix })).toThrow(/^route\.up\.prefix: is put in front of published topic names/);
  });

  test('a missing options object is a spec error, not a TypeError', () => {
    expect(() => Route.up('plant/#', undefined as never)).toThrow(/^route\.up\.prefix: must end with '\/'/);
  });

  test("the near miss 'hub/{plant}/' passes", () => {
    expect(Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }).hubFilter('a')).toBe('hub/a/plant/+/alerts/#');
  });
});

describe('fuzz findings: counts, ports and names the validators did not bound', () => {
  test('cores are bounded (1e9 exhausted the heap, 1e21 threw a RangeError), replicants to int32', () => {
    for (const cores of [100, 1e9, 1e21, 2 ** 31]) expect(specError({ cores }).message).toMatch(/^cores: must be at most 99/);
    expect(specError({ version: '5.1.6', replicants: 2 ** 31 }).message).toMatch(/^replicants: must be at most 2147483647/);
    expect(() => resolveClusterSpec({ ...base, cores: 99 })).not.toThrow();
  });

  test("nodeShortName 'emqx999' would put the distribution port on gen_rpc's 5369", () => {
    expect(specError({ nodeShortName: 'emqx999' }).message).toMatch(/^nodeShortName: its trailing number gives the Erlang distribution port 4370 \+ 999 = 5369, gen_rpc's port/);
    expect(resolveClusterSpec({ ...base, nodeShortName: 'emqx998' }).ports.distribution).toBe(5368);
  });

  test.each(['a__b', 'a_', 'dev__ices'])("listener name '%s' (an invalid container port name) is refused", (name) => {
    expect(specError({ listeners: [{ type: ListenerType.TCP, name, port: 2883 }] }).field).toBe('listeners[0].name');
  });
});

describe('8. only releases that exist are rendered', () => {
  test.each(['5.8.99', '6.0.9', '5.1.7', '5.10.6', '5.9.3'])("EmqxVersion.of('%s') is refused, naming the line's releases", (v) => {
    expect(() => EmqxVersion.of(v)).toThrow(new RegExp(`^version: is not a known EMQX ${v.slice(0, v.lastIndexOf('.')).replace('.', '\\.')} release \\(its image tag would not exist\\).*use one of`));
  });

  // every 5.9+ release and every 5.8 LTS release emqx-facts §10.1 lists (dates from the 6.3 docs), by hand
  test.each(['5.8.8', '5.8.9', '5.8.10', '5.8.11', '5.8.12', '5.9.0', '5.9.1', '5.9.2', '5.10.0', '5.10.1', '5.10.2', '5.10.3', '5.10.4', '5.10.5', '6.0.0', '6.0.1', '6.0.2', '6.0.3'])('%s is known', (v) => {
    expect(EmqxVersion.of(v).version).toBe(v);
  });

  test('an edition that never shipped a release is refused; the LTS-only releases default to enterprise', () => {
    expect(specError({ version: '5.8.10', edition: EmqxEdition.OPEN_SOURCE }).message).toMatch(/^version: was not released as open-source EMQX .*use one of 5\.8\.0, .*5\.8\.9, or the other edition/);
    expect(specError({ version: '5.1.3', edition: EmqxEdition.ENTERPRISE }).message).toMatch(/use one of 5\.1\.0, 5\.1\.1, or the other edition/);
    expect(EmqxVersion.of('5.8.10').defaultEdition).toBe(EmqxEdition.ENTERPRISE);
    expect(EmqxVersion.of('5.8.9').defaultEdition).toBe(EmqxEdition.OPEN_SOURCE);
  });
});

describe('9. unknown keys in plain data (a YAML inventory, a spec from JSON) are errors naming the closest key', () => {
  test("a misspelled 'replicas' no longer silently means 0 replicants", () => {
    const e = specError({ replicas: 3 } as never);
    expect(e.message).toBe("replicas: is not a known setting (it would be ignored) (got 3); did you mean 'replicants'?");
  });

  test('nested: storage.storageClass, coreResources.limit, coreResources.requests.mem', () => {
    expect(specError({ storage: { size: '10Gi', storageClass: 'gp3' } as never }).message).toMatch(/^storage\.storageClass: .*did you mean 'storageClassName'\?/);
    expect(specError({ coreResources: { limit: { memory: '1Gi' } } as never }).message).toMatch(/^coreResources\.limit: .*did you mean 'limits'\?/);
    expect(specError({ coreResources: { requests: { mem: '1Gi' } } as never }).message).toMatch(/^coreResources\.requests\.mem: .*did you mean 'memory'\?/);
  });

  test('a key far from every known one lists them instead of guessing', () => {
    expect(specError({ flavour: 'large' } as never).message).toMatch(/^flavour: is not a known setting .*use one of: name, namespace, version/);
  });

  test('inventory entries read from YAML', () => {
    const { parseInventory } = require('../../lib/federation/fleet-inventory');
    expect(() => parseInventory([{ name: 'plant-a', version: '5.8.9', core: 5 }])).toThrow(/^inventory\[0\]\.core: is not a known setting .*did you mean 'cores'\?/);
    expect(parseInventory([{ name: 'plant-a', version: '5.8.9', cores: 5 }])[0].cores).toBe(5);
  });
});

describe('10. every problem at once, for specs read from files', () => {
  const { parseInventory, fleetFederation } = require('../../lib/federation/fleet-inventory');
  const { EmqxSpecErrors } = require('../../lib/validation/emqx-spec-error');

  test('an inventory with three bad entries reports the three together', () => {
    let e: any;
    try {
      parseInventory([{ name: 'plant-a', version: '5.8.9', core: 3 }, { name: 'plant-b', version: '5.8.9' }, { name: 'plant-c' }, { name: 'plant-d', version: '5.8.9', edition: 'free' }]);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(EmqxSpecErrors);
    expect(e).toBeInstanceOf(EmqxSpecError);
    expect(e.problems.map((p: EmqxSpecError) => p.field)).toEqual(['inventory[0].core', 'inventory[2]', 'inventory[3].edition']);
    expect(e.message).toMatch(/^3 problems in the spec:\n {2}- inventory\[0\]\.core: .*\n {2}- inventory\[2\]: .*\n {2}- inventory\[3\]\.edition: /);
  });

  test('a federation with two bad plants reports both, each naming its site (construct and fleet path)', () => {
    const { fleetSpec } = require('../../examples/fleet/main');
    const { synthesizeFleet } = require('../../lib/cdk8s/synthesize-fleet');
    const { Federation } = require('../../lib/cdk8s/federation');
    const spec = fleetFederation(fleetSpec([{ name: 'plant-a', version: '5.8.9', cores: 1000 }, { name: 'plant-b', version: '5.8.9' }, { name: 'plant-c', version: '5.8.9', replicants: 2 }]));
    for (const run of [
      () => new Federation(Testing.app(), 'f', spec),
      () => synthesizeFleet(spec, { outdir: require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'multi-')) }),
    ]) {
      let e: any;
      try {
        run();
      } catch (x) {
        e = x;
      }
      expect(e?.problems?.map((p: EmqxSpecError) => p.field)).toEqual(['plants.plant-a.cores', 'plants.plant-c.replicants']);
      expect(e.message).toMatch(/- plants\.plant-a\.cores: must be at most 99/);
      expect(e.message).toMatch(/- plants\.plant-c\.replicants: open-source EMQX 5\.8\.9 has no replicant role/);
    }
  });

  test('one problem stays a plain EmqxSpecError with its own message', () => {
    expect(() => parseInventory([{ name: 'a', version: '5.8.9', core: 1 }])).toThrow(/^inventory\[0\]\.core: is not a known setting/);
  });
});

describe('a deliberate opt-in for a patch newer than the library lists', () => {
  test('EmqxVersion.unlistedPatch renders a newer patch with its line\'s rules; of() keeps refusing it', () => {
    expect(() => EmqxVersion.of('6.3.2')).toThrow(/is not a known EMQX 6\.3 release/);
    const v = EmqxVersion.unlistedPatch('6.3.2');
    expect([v.version, v.listed, v.newestListed, v.strictModeDefault]).toEqual(['6.3.2', false, '6.3.1', true]);
    const c = resolveClusterSpec({ ...base, version: v, license: { secretName: 'l', key: 'k' } });
    expect(c.image).toBe('emqx/emqx-enterprise:6.3.2');
    // the 5.8 LTS continues as enterprise only
    expect(EmqxVersion.unlistedPatch('5.8.13').defaultEdition).toBe(EmqxEdition.ENTERPRISE);
  });

  test.each([
    ['6.3.1', /is a release the library lists.*EmqxVersion\.of\('6\.3\.1'\)/],
    ['6.2.1', /is a release the library lists/],
    ['6.4.0', /is not a release of a supported line/],
    ['6.3.2-rc.1', /is not a release of a supported line/],
  ])('unlistedPatch(%s) is refused', (v, message) => {
    expect(() => EmqxVersion.unlistedPatch(v)).toThrow(message);
  });
});
