import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { ALL_CHECKS } from '../../lib/checks/all-checks';
import { Finding } from '../../lib/checks/emqx-check';
import { formatFindingsTable } from '../../lib/checks/findings-report';
import { blockingFindings } from '../../lib/checks/run-checks';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { writeReports } from '../../lib/cdk8s/write-reports';
import { EmqxClusterSpec, ZoneSpread } from '../../lib/model/emqx-cluster-spec';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Size } from '../../lib/validation/size';
import { Tls } from '../../lib/model/tls';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { EmqxVersion } from '../../lib/versions/emqx-version';
import { Authenticator } from '../../lib/model/authentication';
import { AuthorizationSource } from '../../lib/model/authorization';
import { KafkaProducerSpec } from '../../lib/integrations/kafka-producer';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { Action } from '../../lib/integrations/rule-spec';
import { synth, testChart } from '../support/manifests';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const base: EmqxClusterSpec = { name: 'plant', version: '5.8.9', cores: 3, networkPolicies: TEST_NETWORK_POLICIES };

function cluster(spec: Partial<EmqxClusterSpec> = {}, patch?: (c: EmqxCluster) => void): EmqxCluster {
  const c = new EmqxCluster(testChart('iot'), 'Emqx', { ...base, ...spec } as EmqxClusterSpec);
  patch?.(c);
  return c;
}

function fired(spec: Partial<EmqxClusterSpec> = {}, patch?: (c: EmqxCluster) => void): Finding[] {
  return cluster(spec, patch).checks.results();
}

function ids(findings: Finding[]): string[] {
  return findings.map((f) => f.id);
}

const v6 = { version: '6.0.1', license: { secretName: 'emqx-license', key: 'license.key' } };
const kafka = (k: Partial<KafkaProducerSpec> = {}): Partial<EmqxClusterSpec> => ({
  ...v6,
  integrations: { kafka: [{ name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw', ...k }] },
});
const httpAuth = (o: { requestTimeout?: string } = {}) => Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt', ...o });

/** Every check: a spec (or escape hatch) that trips it, with the message expected. */
const failing: Record<string, { spec?: Partial<EmqxClusterSpec>; patch?: (c: EmqxCluster) => void; message: RegExp }> = {
  'EMQX-PlaintextOnPublicNlb': { spec: { listeners: [{ type: ListenerType.WS, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }) }] }, message: /listeners.ws.default on NLB 'public'/ },
  'EMQX-KeepaliveNotBelowNlbIdleTimeout': {
    spec: { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }], mqtt: { deviceKeepaliveSeconds: 600 } },
    message: /mqtt.deviceKeepaliveSeconds = 600 s, NLB 'public' idle timeout for listeners.tcp.default = 350 s/,
  },
  'EMQX-DashboardExposed': { patch: (c) => c.dashboardService!.resource.addJsonPatch(JsonPatch.replace('/spec/type', 'LoadBalancer')), message: /Service\/plant-dashboard \(LoadBalancer\)/ },
  'EMQX-SecretLiteralInEnv': {
    patch: (c) => c.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'EMQX_DASHBOARD__DEFAULT_PASSWORD', value: 'public' })),
    message: /StatefulSet\/plant-core container emqx: EMQX_DASHBOARD__DEFAULT_PASSWORD/,
  },
  'EMQX-WorkloadWithoutPdb': { patch: (c) => c.cores!.disruptionBudget.addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels', { app: 'other' })), message: /StatefulSet\/plant-core/ },
  'EMQX-ImageNotPinned': { patch: (c) => c.cores!.resource.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'emqx/emqx:latest')), message: /image emqx\/emqx:latest, version 5.8.9/ },
  'EMQX-CoreCountEven': { spec: { cores: 4 }, message: /cores = 4/ },
  'EMQX-UnlistedRelease': { spec: { version: EmqxVersion.unlistedPatch('6.3.2'), license: { secretName: 'emqx-license', key: 'license.key' } }, message: /^version 6\.3\.2 is rendered with the rules of 6\.3\.1, the newest listed 6\.3 release$/ },
  'EMQX-DurableReplicationAboveCores': { spec: { ...v6, durableSessions: { replicationFactor: 5 } }, message: /^durableSessions\.replicationFactor = 5 with 3 cores: each shard keeps 3 copies$/ },
  'EMQX-ConnectionsBeyondPortLimit': {
    spec: { listeners: [{ type: ListenerType.TCP, maxConnections: 1_000_000 }, { type: ListenerType.WS, maxConnections: 100_000 }] },
    message: /^listeners\.tcp\.default 1000000 \+ listeners\.ws\.default 100000 = 1100000 connections per node, above node\.max_ports 1048576$/,
  },
  'EMQX-EnterpriseWithoutLicense': { spec: { edition: EmqxEdition.ENTERPRISE }, message: /^enterprise EMQX 5\.8\.9 without license\.key runs on EMQX's built-in trial license: 25 connections$/ },
  'EMQX-ReplicantsWithFewCores': { spec: { version: '5.1.6', cores: 1, replicants: 2 }, message: /2 replicants on 1 core/ },
  'EMQX-CoreZoneSpread': { spec: { coreZoneSpread: ZoneSpread.SOFT }, message: /coreZoneSpread = ScheduleAnyway/ },
  'EMQX-PublicTlsWithoutClientCertificates': {
    spec: { listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }), tls: Tls.atNlb({ certificateArns: [ARN] }) }] },
    message: /listeners.ssl.default on NLB 'public'/,
  },
  'EMQX-DevCaExposedPublicly': {
    spec: { listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }), tls: Tls.selfSignedCa({ mutualTls: {} }) }] },
    message: /listeners.ssl.default/,
  },
  'EMQX-KeepaliveToleranceBeyondNlbIdleTimeout': {
    spec: { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }], mqtt: { deviceKeepaliveSeconds: 300 } },
    message: /300 s × 1.5 > 350 s/,
  },
  'EMQX-ProxyProtocolWithoutNlb': { spec: { listeners: [{ type: ListenerType.TCP, proxyProtocol: true }] }, message: /listeners.tcp.default/ },
  'EMQX-LargeMaxPacketSize': { spec: { mqtt: { maxPacketSize: Size.mebibytes(64) } }, message: /maxPacketSize = 64MB/ },
  'EMQX-MissingResources': { spec: { coreResources: { requests: { cpu: '1' } } }, message: /core: requests.cpu and requests.memory must both be set/ },
  'EMQX-DebugLogLevel': { spec: { logLevel: 'debug' }, message: /logLevel = debug/ },
  'EMQX-RuleRegexPcre2': {
    spec: { ...v6, version: '6.1.5', integrations: { kafka: [{ name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw' }], rules: [{ id: 'r1', sql: `SELECT * FROM "t/#" WHERE regex_match(clientid, '[\\w-\\.]+')`, actions: [Action.kafka('raw')] }] } },
    message: /rule r1: '\[\\w-\\\.\]\+': the class/,
  },
  'EMQX-LegacySecurityProfile': { spec: { version: '6.3.1', license: v6.license, securityProfile: 'legacy' }, message: /securityProfile = legacy on EMQX 6\.3\.1/ },
  'EMQX-AnonymousListener': { spec: { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }] }, message: /listeners.tcp.default on NLB 'public'/ },
  'EMQX-DurableSessionsWithoutPvc': {
    spec: { ...v6, durableSessions: {} },
    patch: (c) => c.cores!.resource.addJsonPatch(JsonPatch.remove('/spec/volumeClaimTemplates')),
    message: /StatefulSet\/plant-core/,
  },
  'EMQX-AuthorizationAllowByDefault': { spec: { authorization: { noMatch: 'allow' } }, message: /noMatch = allow/ },
  'EMQX-KafkaAcksWeak': { spec: kafka({ requiredAcks: 'leader_only' }), message: /raw: required_acks = leader_only/ },
  'EMQX-KafkaUnorderedPartitioning': { spec: kafka({ partitionStrategy: 'random' }), message: /raw: partition_strategy = random/ },
  'EMQX-BuffersExceedMemory': { spec: kafka({ expectedPartitions: 12, buffer: { perPartitionLimit: Size.mebibytes(256) } }), message: /^kafka raw: 12 partition\(s\) × 256MB = 3072Mi against a 2048Mi memory limit$/ },
  'EMQX-AuthCacheMissing': { spec: { ...v6, authentication: [httpAuth()] }, message: /authenticationCache not set/ },
  'EMQX-HttpAuthSlowTimeout': { spec: { authentication: [httpAuth({ requestTimeout: '30s' })] }, message: /request_timeout = 30s/ },
  'EMQX-SharedSubscriptionUnordered': { spec: { mqtt: { orderedSharedSubscriptions: true } }, message: /sharedSubscriptionStrategy = round_robin/ },
  'EMQX-OperatorBlueGreenUpdates': { spec: { backend: WorkloadBackend.emqxOperator({ revisionHistoryLimit: 2 }) }, message: /EMQX\/plant: apps.emqx.io\/v2beta1 blue-green updates; 2 old revision\(s\) keep their PVCs/ },
  'EMQX-OperatorApiBehindRelease': {
    spec: { ...v6, version: '6.3.1', backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v2beta1' }) },
    message: /^EMQX\/plant: apps.emqx.io\/v2beta1 for EMQX 6\.3\.1, which apps.emqx.io\/v2 \(EMQX Operator 2\.3\) supports fully$/,
  },
  'EMQX-AclTemplateIdentitySlash': { spec: { version: '6.3.1', license: v6.license, authorization: { sources: [AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['plant/${username}/#'] }])] } }, message: /^authorization rules on plant\/\$\{username\}\/# \(EMQX 6\.3\.1\)$/ },
  'EMQX-DurableReplicasManual': { spec: { ...v6, durableSessions: {} }, message: /^durableSessions on 3 core\(s\), replication factor 3: the native backend does not update the replica sets when the cores change$/ },
  'EMQX-JwtAheadOfPasswords': {
    spec: { version: '6.3.1', license: v6.license, authentication: [Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' } }), Authenticator.builtInDatabase()] },
    message: /^authentication: a JWT authenticator comes before a password authenticator$/,
  },
  'EMQX-NetworkPoliciesDisabled': { spec: { networkPolicies: { disabled: { reason: 'Cilium clusterwide policies cover EMQX' } } }, message: /networkPolicies.disabled: Cilium clusterwide policies cover EMQX/ },
};

/**
 * Every check: the failing case changed only where the check looks, so that it passes (the near miss). Each one
 * shows the boundary the check draws, not only that the library's defaults stay clear of it.
 */
const nearMiss: Record<string, { spec?: Partial<EmqxClusterSpec>; patch?: (c: EmqxCluster) => void }> = {
  'EMQX-PlaintextOnPublicNlb': { spec: { listeners: [{ type: ListenerType.WS, exposure: Exposure.awsNlb({ scheme: 'internal' }) }] } },
  'EMQX-KeepaliveNotBelowNlbIdleTimeout': { spec: { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }], mqtt: { deviceKeepaliveSeconds: 349, keepaliveMultiplier: 1 } } },
  'EMQX-DashboardExposed': { patch: (c) => c.dashboardService!.resource.addJsonPatch(JsonPatch.replace('/spec/type', 'ClusterIP')) },
  'EMQX-SecretLiteralInEnv': {
    patch: (c) => c.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'EMQX_DASHBOARD__DEFAULT_PASSWORD', valueFrom: { secretKeyRef: { name: 'plant-secrets', key: 'dashboard-password' } } })),
  },
  'EMQX-WorkloadWithoutPdb': {
    // a PDB that selects the pods with fewer labels still covers them
    patch: (c) => {
      const labels = c.cores!.disruptionBudget.toJson().spec.selector.matchLabels as Record<string, string>;
      const [first, second] = Object.keys(labels);
      c.cores!.disruptionBudget.addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels', { [first]: labels[first], [second]: labels[second] }));
    },
  },
  'EMQX-ImageNotPinned': { patch: (c) => c.cores!.resource.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'registry.example.com/mirror/emqx:5.8.9')) },
  'EMQX-CoreCountEven': { spec: { cores: 5 } },
  'EMQX-UnlistedRelease': { spec: { version: '6.3.1', license: { secretName: 'emqx-license', key: 'license.key' } } },
  'EMQX-DurableReplicationAboveCores': { spec: { ...v6, durableSessions: { replicationFactor: 3 } } },
  'EMQX-ConnectionsBeyondPortLimit': { spec: { listeners: [{ type: ListenerType.TCP, maxConnections: 1_000_000 }, { type: ListenerType.WS, maxConnections: 48_576 }] } },
  'EMQX-EnterpriseWithoutLicense': { spec: { edition: EmqxEdition.ENTERPRISE, license: { secretName: 'emqx-license', key: 'license.key' } } },
  'EMQX-ReplicantsWithFewCores': { spec: { version: '5.1.6', cores: 3, replicants: 2 } },
  'EMQX-CoreZoneSpread': { spec: { coreZoneSpread: ZoneSpread.HARD } },
  'EMQX-PublicTlsWithoutClientCertificates': {
    spec: { listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }), tls: Tls.certManager({ clusterIssuer: 'iiot-ca', mutualTls: { clientCa: { secretName: 'device-ca', key: 'ca.crt' } } }) }] },
  },
  'EMQX-DevCaExposedPublicly': { spec: { listeners: [{ type: ListenerType.SSL, exposure: Exposure.awsNlb({ scheme: 'internal' }), tls: Tls.selfSignedCa({ mutualTls: {} }) }] } },
  'EMQX-KeepaliveToleranceBeyondNlbIdleTimeout': { spec: { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }], mqtt: { deviceKeepaliveSeconds: 233 } } },
  'EMQX-ProxyProtocolWithoutNlb': { spec: { listeners: [{ type: ListenerType.TCP, proxyProtocol: true, exposure: Exposure.awsNlb() }] } },
  'EMQX-LargeMaxPacketSize': { spec: { mqtt: { maxPacketSize: Size.mebibytes(1) } } },
  'EMQX-MissingResources': { spec: { coreResources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } } } },
  'EMQX-DebugLogLevel': { spec: { logLevel: 'info' } },
  'EMQX-RuleRegexPcre2': {
    spec: { ...v6, version: '6.1.5', integrations: { kafka: [{ name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw' }], rules: [{ id: 'r1', sql: `SELECT * FROM "t/#" WHERE regex_match(clientid, '[\\w.-]+')`, actions: [Action.kafka('raw')] }] } },
  },
  'EMQX-LegacySecurityProfile': { spec: { version: '6.3.1', license: v6.license, securityProfile: 'hardened' } },
  'EMQX-AnonymousListener': { spec: { authentication: [Authenticator.builtInDatabase()], listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }] } },
  'EMQX-DurableSessionsWithoutPvc': { spec: { ...v6, durableSessions: {} } },
  'EMQX-AuthorizationAllowByDefault': { spec: { authorization: { noMatch: 'deny' } } },
  'EMQX-KafkaAcksWeak': { spec: kafka({ requiredAcks: 'all_isr' }) },
  'EMQX-KafkaUnorderedPartitioning': { spec: kafka({ partitionStrategy: 'key_dispatch' }) },
  // 12 partitions × 64MB = 768Mi, under half of the 2Gi limit
  'EMQX-BuffersExceedMemory': { spec: kafka({ expectedPartitions: 12, buffer: { perPartitionLimit: Size.mebibytes(64) } }) },
  'EMQX-AuthCacheMissing': { spec: { ...v6, authentication: [httpAuth()], authenticationCache: { ttl: '30s' } } },
  'EMQX-HttpAuthSlowTimeout': { spec: { authentication: [httpAuth({ requestTimeout: '10s' })] } },
  'EMQX-SharedSubscriptionUnordered': { spec: { mqtt: { orderedSharedSubscriptions: true, sharedSubscriptionStrategy: 'hash_clientid' } } },
  'EMQX-OperatorBlueGreenUpdates': { spec: { backend: WorkloadBackend.native() } },
  'EMQX-OperatorApiBehindRelease': { spec: { ...v6, version: '6.3.1', backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v2' }) } },
  'EMQX-NetworkPoliciesDisabled': { spec: { networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } } },
  // the same rule on 6.2, which substitutes any value
  'EMQX-AclTemplateIdentitySlash': { spec: { version: '6.2.3', license: v6.license, authorization: { sources: [AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['plant/${username}/#'] }])] } } },
  // EMQX Operator 2.3 updates the replica sets itself
  'EMQX-DurableReplicasManual': { spec: { ...v6, durableSessions: {}, backend: WorkloadBackend.emqxOperator() } },
  // the password authenticator first: it ignores the users it does not know, and the JWT authenticator gets them
  'EMQX-JwtAheadOfPasswords': { spec: { version: '6.3.1', license: v6.license, authentication: [Authenticator.builtInDatabase(), Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' } })] } },
};

describe('every check has a near miss that passes', () => {
  test('the table covers every check', () => {
    expect(Object.keys(nearMiss).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
  });

  test.each(ALL_CHECKS.map((c) => [c.id] as const))('%s', (id) => {
    const { spec, patch } = nearMiss[id];
    expect(ids(fired(spec, patch))).not.toContain(id);
  });
});

describe('every check has a failing and a passing case', () => {
  test('the table above covers every check', () => {
    expect(Object.keys(failing).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
  });

  test.each(ALL_CHECKS.map((c) => [c.id, c] as const))('%s', (id, check) => {
    const { spec, patch, message } = failing[id];
    const findings = fired(spec, patch).filter((f) => f.id === id);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ severity: check.severity, cluster: 'iot/plant', summary: check.summary, fix: check.fix });
    expect(findings.map((f) => f.message).join('\n')).toMatch(message);
    // the library's defaults pass every check
    expect(ids(fired())).not.toContain(id);
  });

  test('metadata: stable ids, a severity, and prose for the catalogue', () => {
    for (const c of ALL_CHECKS) {
      expect(c.id).toMatch(/^EMQX-[A-Z][A-Za-z0-9]+$/);
      expect(['error', 'warning']).toContain(c.severity);
      for (const text of [c.summary, c.explanation, c.fix]) expect(text.length).toBeGreaterThan(20);
    }
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
  });
});

describe('keepalive checks: boundaries', () => {
  const nlb = (idleTimeoutSeconds?: number) => [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ idleTimeoutSeconds }) }];
  const k = (listeners: any, mqtt: any) => ids(fired({ listeners, mqtt })).filter((i) => i.startsWith('EMQX-Keepalive'));

  test('below the timeout with EMQX tolerance inside it passes; at the timeout is an error', () => {
    expect(k(nlb(), { deviceKeepaliveSeconds: 200 })).toEqual([]);
    expect(k(nlb(), { deviceKeepaliveSeconds: 350 })).toEqual(['EMQX-KeepaliveNotBelowNlbIdleTimeout']);
    expect(k(nlb(), { serverKeepaliveSeconds: 240 })).toEqual(['EMQX-KeepaliveToleranceBeyondNlbIdleTimeout']);
    expect(k(nlb(), { deviceKeepaliveSeconds: 240, keepaliveMultiplier: 1.25 })).toEqual([]);
  });

  test('a raised TCP idle timeout allows longer keepalives; TLS at the NLB stays fixed at 350 s', () => {
    expect(k(nlb(1200), { deviceKeepaliveSeconds: 600 })).toEqual([]);
    const tls = [{ type: ListenerType.SSL, exposure: Exposure.awsNlb(), tls: Tls.atNlb({ certificateArns: [ARN] }) }];
    const f = fired({ listeners: tls, mqtt: { deviceKeepaliveSeconds: 600 } }).find((x) => x.id === 'EMQX-KeepaliveNotBelowNlbIdleTimeout');
    expect(f?.message).toMatch(/350 s \(fixed for TLS listeners\)/);
  });

  test('listeners without an NLB are not checked', () => {
    expect(k(undefined, { deviceKeepaliveSeconds: 3000 })).toEqual([]);
  });
});

describe('acknowledgements', () => {
  test('disabling NetworkPolicies with a reason acknowledges its finding with that reason', () => {
    const f = fired({ networkPolicies: { disabled: { reason: 'Cilium clusterwide policies cover EMQX' } } }).find((x) => x.id === 'EMQX-NetworkPoliciesDisabled');
    expect(f?.acknowledged).toBe('Cilium clusterwide policies cover EMQX');
  });

  const spec = { cores: 4 };

  test('an acknowledged finding stays in the report with its reason and no longer blocks', () => {
    const f = fired({ cores: 4, logLevel: 'debug', acknowledgements: [{ id: 'EMQX-CoreCountEven', reason: 'lab cluster with two racks' }] });
    expect(f.find((x) => x.id === 'EMQX-CoreCountEven')?.acknowledged).toBe('lab cluster with two racks');
    expect(f.find((x) => x.id === 'EMQX-DebugLogLevel')?.acknowledged).toBeUndefined();
  });

  test('acknowledging an error lets synthesis pass; without it synthesis fails naming id, message and fix', () => {
    const open = { authentication: [Authenticator.builtInDatabase()], listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }) }] };
    expect(() => synth(Chart.of(cluster(open)))).toThrow(/EMQX-PlaintextOnPublicNlb: listeners.tcp.default on NLB 'public'\..*Fix: Use an ssl\/wss listener/);
    const acked = cluster({ ...open, acknowledgements: [{ id: 'EMQX-PlaintextOnPublicNlb', reason: 'isolated test network, no internet route' }] });
    expect(() => synth(Chart.of(acked))).not.toThrow();
    expect(blockingFindings(acked.checks.results())).toEqual([]);
  });

  test('unknown ids and acknowledgements that never fire are reported', () => {
    const f = fired({ ...spec, acknowledgements: [{ id: 'EMQX-CoreCountOdd', reason: 'a typo of the real id' }, { id: 'EMQX-DebugLogLevel', reason: 'left over from an incident' }] });
    expect(f.filter((x) => x.id.startsWith('EMQX-Acknowledgement')).map((x) => [x.id, x.severity, x.message])).toEqual([
      ['EMQX-AcknowledgementUnknown', 'warning', "acknowledgement 'EMQX-CoreCountOdd' (a typo of the real id)"],
      ['EMQX-AcknowledgementUnused', 'warning', "acknowledgement 'EMQX-DebugLogLevel' (left over from an incident)"],
    ]);
    // the misspelt acknowledgement did not accept the real finding
    expect(f.find((x) => x.id === 'EMQX-CoreCountEven')?.acknowledged).toBeUndefined();
  });

  test('reasons shorter than 10 characters, malformed ids and duplicates are spec errors', () => {
    expect(() => cluster({ acknowledgements: [{ id: 'EMQX-CoreCountEven', reason: 'lab' }] })).toThrow(/^acknowledgements\[0\]\.reason: .*at least 10 characters/);
    expect(() => cluster({ acknowledgements: [{ id: 'CoreCountEven', reason: 'lab cluster only' }] })).toThrow(/^acknowledgements\[0\]\.id: is not a check id/);
    expect(() => cluster({ acknowledgements: [{ id: 'EMQX-CoreCountEven', reason: 'lab cluster only' }, { id: 'EMQX-CoreCountEven', reason: 'lab cluster again' }] }))
      .toThrow(/^acknowledgements\[1\]\.id: is acknowledged twice/);
  });
});

describe('reports', () => {
  test('the table lists status, id, cluster and message, then the fix of each open finding', () => {
    const table = formatFindingsTable(fired({ cores: 4, logLevel: 'debug', acknowledgements: [{ id: 'EMQX-DebugLogLevel', reason: 'incident 4711 until Friday' }] }));
    expect(table).toMatch(/^emqx-constructs checks: 0 error\(s\), 1 warning\(s\), 1 acknowledged/);
    expect(table).toMatch(/warn {2}EMQX-CoreCountEven {2}iot\/plant {2}cores = 4/);
    expect(table).toMatch(/ack {3}EMQX-DebugLogLevel .*acknowledged: incident 4711 until Friday/);
    expect(table).toMatch(/EMQX-CoreCountEven: The cluster has an even number of core nodes\. Fix: Run an odd number/);
    expect(table).not.toMatch(/EMQX-DebugLogLevel: .*Fix:/);
    expect(formatFindingsTable([])).toBe('');
  });

  test('app.synth() writes manifests only; writeReports() writes the findings JSON where the caller says', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plants', { namespace: 'iot', disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', { ...base, cores: 4 });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['plants.k8s.yaml']);
    const reportsDir = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'reports-')), 'nested');
    expect(writeReports(app, reportsDir)).toEqual([path.join(reportsDir, 'emqx-findings.iot.plant.json')]);
    const report = JSON.parse(fs.readFileSync(path.join(reportsDir, 'emqx-findings.iot.plant.json'), 'utf8'));
    expect(report.findings.map((f: Finding) => f.id)).toEqual(['EMQX-CoreCountEven']);
    expect(fs.readdirSync(app.outdir)).toEqual(['plants.k8s.yaml']);
  });

  test('each cluster is checked once per app synthesis, however many charts the app has (findings are memoized)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'checks-')) });
    const clusters = ['a', 'b', 'c'].map((n) => new EmqxCluster(new Chart(app, n, { namespace: n }), 'Emqx', { ...base, name: n }));
    const spies = clusters.map((c) => jest.spyOn(c.checks, 'results'));
    app.synth();
    // cdk8s validates the whole app once per chart it writes; the findings are computed once and reused
    for (const s of spies) {
      expect(s.mock.calls.length).toBeGreaterThan(0);
      expect(new Set(s.mock.results.map((r) => r.value)).size).toBe(1);
    }
  });
});

describe('docs/CHECKS.md', () => {
  test('is the catalogue generated from the checks (run `npm run docs:checks` when this fails)', () => {
    const { renderChecksCatalogue } = require('../../lib/checks/checks-catalogue');
    const onDisk = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'CHECKS.md'), 'utf8');
    expect(onDisk).toBe(renderChecksCatalogue());
    for (const c of ALL_CHECKS) expect(onDisk).toContain(`### ${c.id}`);
  });
});

describe('with the EMQX Operator backend, manifest checks read the EMQX resource', () => {
  const operator = { backend: WorkloadBackend.emqxOperator() };
  const emqxPatch = (p: JsonPatch) => (c: EmqxCluster) => c.operatorResource!.resource.addJsonPatch(p);

  test('the defaults pass every check but the blue-green warning', () => {
    expect(ids(fired(operator))).toEqual(['EMQX-OperatorBlueGreenUpdates']);
  });

  test('a template without maxUnavailable/minAvailable gets no PDB from the operator', () => {
    const f = fired(operator, emqxPatch(JsonPatch.remove('/spec/coreTemplate/spec/maxUnavailable'))).filter((x) => x.id === 'EMQX-WorkloadWithoutPdb');
    expect(f.map((x) => x.message)).toEqual(['EMQX/plant coreTemplate']);
  });

  test('the image and the templates\' env are checked', () => {
    const image = fired(operator, emqxPatch(JsonPatch.replace('/spec/image', 'emqx/emqx:latest'))).filter((x) => x.id === 'EMQX-ImageNotPinned');
    expect(image.map((x) => x.message)).toEqual(['EMQX/plant coreTemplate: image emqx/emqx:latest, version 5.8.9']);
    const env = fired(operator, emqxPatch(JsonPatch.add('/spec/coreTemplate/spec/env/-', { name: 'EMQX_DASHBOARD__DEFAULT_PASSWORD', value: 'public' })));
    expect(env.filter((x) => x.id === 'EMQX-SecretLiteralInEnv').map((x) => x.message)).toEqual(['EMQX/plant coreTemplate container emqx: EMQX_DASHBOARD__DEFAULT_PASSWORD']);
  });
});

describe('EMQX-EnterpriseWithoutLicense names the limits of the exact release', () => {
  const msg = (spec: Partial<EmqxClusterSpec>) => fired(spec).filter((f) => f.id === 'EMQX-EnterpriseWithoutLicense').map((f) => f.message);
  test('5.9+ single node: the community license; before 5.8 the cap is not claimed', () => {
    expect(msg({ version: '6.0.1', cores: 1 })).toEqual(["enterprise EMQX 6.0.1 without license.key runs on EMQX's built-in community license: a single node only (a second node stops with SINGLE_NODE_LICENSE), 10,000,000 sessions"]);
    expect(msg({ version: '5.4.1', edition: EmqxEdition.ENTERPRISE })[0]).toMatch(/not confirmed for this release/);
  });
  test('with a license, or open source, nothing fires', () => {
    expect(msg({ version: '6.0.1', license: { secretName: 'emqx-license', key: 'license.key' } })).toEqual([]);
    expect(msg({ version: '5.8.9' })).toEqual([]);
  });
  test('an evaluation cluster acknowledges it with its reason and synthesizes', () => {
    const f = fired({ edition: EmqxEdition.ENTERPRISE, acknowledgements: [{ id: 'EMQX-EnterpriseWithoutLicense', reason: 'evaluation cluster for the pilot line, 20 devices' }] });
    expect(blockingFindings(f)).toEqual([]);
    expect(f.find((x) => x.id === 'EMQX-EnterpriseWithoutLicense')!.acknowledged).toBe('evaluation cluster for the pilot line, 20 devices');
  });
});

test('EMQX-ConnectionsBeyondPortLimit: at node.max_ports exactly it passes, one above it warns', () => {
  const at = (n: number) => fired({ listeners: [{ type: ListenerType.TCP, maxConnections: n - 1 }, { type: ListenerType.WS, maxConnections: 1 }] }).filter((f) => f.id === 'EMQX-ConnectionsBeyondPortLimit').length;
  expect(at(1_048_576)).toBe(0);
  expect(at(1_048_577)).toBe(1);
});

describe('EMQX-LegacySecurityProfile: the near miss', () => {
  test('6.3 with the default (hardened) or an explicit hardened passes; legacy fires; before 6.3 there is no profile', () => {
    const six3 = { version: '6.3.1', license: v6.license };
    expect(ids(fired(six3))).not.toContain('EMQX-LegacySecurityProfile');
    expect(ids(fired({ ...six3, securityProfile: 'hardened' }))).not.toContain('EMQX-LegacySecurityProfile');
    expect(ids(fired({ ...six3, securityProfile: 'legacy' }))).toContain('EMQX-LegacySecurityProfile');
    expect(ids(fired(v6))).not.toContain('EMQX-LegacySecurityProfile');
  });
});

describe('EMQX-OperatorApiBehindRelease: the near misses', () => {
  const api = (version: string, apiVersion?: 'apps.emqx.io/v2' | 'apps.emqx.io/v2beta1') => fired({ version, ...(version.startsWith('5.8') ? {} : { license: v6.license }), backend: WorkloadBackend.emqxOperator({ apiVersion }) });
  test('the default API of each release passes (v2 from 5.9, v2beta1 before); v2beta1 on 5.9+ fires; v2 before 5.9 is refused', () => {
    expect(ids(api('5.8.9'))).not.toContain('EMQX-OperatorApiBehindRelease');
    expect(ids(api('5.9.0'))).not.toContain('EMQX-OperatorApiBehindRelease');
    expect(ids(api('6.3.1', 'apps.emqx.io/v2'))).not.toContain('EMQX-OperatorApiBehindRelease');
    expect(ids(api('5.8.12', 'apps.emqx.io/v2beta1'))).not.toContain('EMQX-OperatorApiBehindRelease');
    expect(ids(api('5.9.0', 'apps.emqx.io/v2beta1'))).toContain('EMQX-OperatorApiBehindRelease');
    expect(() => api('5.8.12', 'apps.emqx.io/v2')).toThrow(/^backend\.emqxOperator\.apiVersion: is EMQX Operator 2\.3's API/);
  });
});

describe('EMQX-JwtAheadOfPasswords: per listener, and only under the hardened profile', () => {
  const chain = [Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' } }), Authenticator.builtInDatabase()];
  test('a listener chain is named; legacy (where a failed JWT is ignored) and 6.2 pass', () => {
    const six3 = { version: '6.3.1', license: v6.license };
    const f = fired({ ...six3, listeners: [{ type: ListenerType.TCP, authentication: chain }] }).filter((x) => x.id === 'EMQX-JwtAheadOfPasswords');
    expect(f.map((x) => x.message)).toEqual(['listeners.tcp.default.authentication: a JWT authenticator comes before a password authenticator']);
    expect(ids(fired({ ...six3, securityProfile: 'legacy', authentication: chain, acknowledgements: [{ id: 'EMQX-LegacySecurityProfile', reason: 'the fleet moves to hardened plant by plant' }] }))).not.toContain('EMQX-JwtAheadOfPasswords');
    expect(ids(fired({ version: '6.2.3', license: v6.license, authentication: chain }))).not.toContain('EMQX-JwtAheadOfPasswords');
    expect(ids(fired({ ...six3, authentication: [Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' } })] }))).not.toContain('EMQX-JwtAheadOfPasswords');
  });
});

describe('authorization.topicTemplateAllow (6.3+)', () => {
  const acl = AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['plant/${clientid}/#'] }]);
  const six3 = { version: '6.3.1', license: v6.license };
  test('slash: true keeps hierarchical ids matching (the warning goes), and is written to emqx.conf as given', async () => {
    const c = cluster({ ...six3, authorization: { sources: [acl], topicTemplateAllow: { slash: true } } });
    expect(ids(c.checks.results())).not.toContain('EMQX-AclTemplateIdentitySlash');
    const conf = c.config!.resource.toJson().data['emqx-core.conf'] as string;
    expect(conf).toMatch(/topic_template_allow \{\n\s+slash = true\n\s+\}/);
    // '+' and '#' alone do not bring back the 6.2 matching of hierarchical ids
    expect(ids(fired({ ...six3, authorization: { sources: [acl], topicTemplateAllow: { plus: true } } }))).toContain('EMQX-AclTemplateIdentitySlash');
  });
  test('refused before 6.3, and wrong values name the field', () => {
    expect(() => cluster({ version: '6.2.3', license: v6.license, authorization: { topicTemplateAllow: { slash: true } } })).toThrow(/^authorization\.topicTemplateAllow: EMQX 6\.2\.3 has no topic_template_allow/);
    expect(() => cluster({ ...six3, authorization: { topicTemplateAllow: { slash: 'yes' as never } } })).toThrow(/^authorization\.topicTemplateAllow\.slash: is not true or false/);
    expect(() => cluster({ ...six3, authorization: { topicTemplateAllow: { slashes: true } as never } })).toThrow(/^authorization\.topicTemplateAllow\.slashes: .*did you mean 'slash'/);
    expect(() => cluster({ ...six3, authorization: { topicTemplateAllow: [] as never } })).toThrow(/^authorization\.topicTemplateAllow: is not \{ slash, plus, hash \}/);
  });
});
