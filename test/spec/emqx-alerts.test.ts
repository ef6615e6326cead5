import { buildAlertRules } from '../../lib/monitoring/emqx-alerts';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { ALERT_RUNBOOKS } from '../../lib/monitoring/alert-runbooks';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { EvalContext, SeriesFixture } from '../support/promql-eval';
import { Tls } from '../../lib/model/tls';
import { promqlErrors } from '../support/promql-parser';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const NOW = 1_800_000_000;
const DAY = 86400;
const GiB = 1024 ** 3;

/** A cluster that renders every alert the library has. */
const full: EmqxClusterSpec = {
  name: 'emqx',
  namespace: 'iot',
  version: '6.0.1',
  cores: 3,
  replicants: 3,
  license: { secretName: 'emqx-license', key: 'license.key' },
  coreResources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
  replicantResources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
  listeners: [
    { type: ListenerType.TCP, maxConnections: 10_000 },
    { type: ListenerType.SSL, maxConnections: 40_000, exposure: Exposure.awsNlb(), tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }) },
  ],
  monitoring: { alerts: { licenseConnections: 100_000 } },
  networkPolicies: TEST_NETWORK_POLICIES,
};

const cluster = resolveClusterSpec(full);
const rules = buildAlertRules(cluster);
const CORES = ['emqx-core-0', 'emqx-core-1', 'emqx-core-2'];
const REPLICANTS = ['emqx-replicant-6d9f-a1', 'emqx-replicant-6d9f-b2', 'emqx-replicant-6d9f-c3'];

function node(pod: string): Record<string, string> {
  return { namespace: 'iot', emqx_cluster: 'emqx', pod, emqx_role: pod.includes('core') ? 'core' : 'replicant' };
}

/** A healthy cluster: every node up and joined, no lag, no drops, certificates and license far from expiry. */
function healthy(): SeriesFixture[] {
  const s: SeriesFixture[] = [];
  for (const pod of [...CORES, ...REPLICANTS]) {
    const l = node(pod);
    s.push(
      { metric: 'up', labels: l, values: 1 },
      { metric: 'emqx_cluster_nodes_running', labels: l, values: 6 },
      { metric: 'emqx_messages_dropped', labels: l, values: { 0: 1000, 300: 1000 } },
      { metric: 'emqx_messages_dropped_no_subscribers', labels: l, values: { 0: 900, 300: 900 } },
      { metric: 'emqx_live_connections_count', labels: l, values: { 0: 1000, 600: 1000 } },
      { metric: 'emqx_cert_expiry_at', labels: { ...l, listener_type: 'ssl', listener_name: 'default' }, values: NOW + 60 * DAY },
      { metric: 'emqx_license_expiry_at', labels: l, values: NOW + 365 * DAY },
      { metric: 'emqx_action_status', labels: { ...l, id: 'kafka_producer:telemetry' }, values: 1 },
      { metric: 'emqx_action_enable', labels: { ...l, id: 'kafka_producer:telemetry' }, values: 1 },
      { metric: 'emqx_action_dropped_queue_full', labels: { ...l, id: 'kafka_producer:telemetry' }, values: { 0: 7, 300: 7 } },
      { metric: 'emqx_connector_status', labels: { ...l, id: 'kafka_producer:kafka' }, values: 1 },
      { metric: 'emqx_connector_enable', labels: { ...l, id: 'kafka_producer:kafka' }, values: 1 },
      { metric: 'container_memory_working_set_bytes', labels: { namespace: 'iot', pod, container: 'emqx' }, values: 1 * GiB },
      { metric: pod.includes('core') ? 'emqx_mria_server_mql' : 'emqx_mria_lag', labels: l, values: 0 },
    );
  }
  s.push({ metric: 'certmanager_certificate_expiration_timestamp_seconds', labels: { namespace: 'cert-manager', exported_namespace: 'iot', name: 'emqx-mqtt-ssl-tls' }, values: NOW + 60 * DAY });
  return s;
}

/** Replaces the values of the series that match. */
function change(series: SeriesFixture[], metricName: string, where: (l: Record<string, string>) => boolean, values: SeriesFixture['values']): SeriesFixture[] {
  return series.map((s) => (s.metric === metricName && where((s.labels ?? {}) as Record<string, string>) ? { ...s, values } : s));
}

const pod = (name: string) => (l: Record<string, string>) => l.pod === name;
const all = () => true;

/** For every alert: a fixture in which it must fire (and only the listed alerts may fire). */
const failing: Record<string, SeriesFixture[]> = {
  EmqxNodeDown: change(healthy(), 'up', pod('emqx-replicant-6d9f-a1'), 0),
  EmqxClusterBelowExpectedSize: change(healthy(), 'emqx_cluster_nodes_running', all, 5),
  EmqxClusterPartitioned: change(healthy(), 'emqx_cluster_nodes_running', pod('emqx-core-2'), 3),
  EmqxCoreQuorumAtRisk: change(change(healthy(), 'up', pod('emqx-core-0'), 0), 'up', pod('emqx-core-1'), 0),
  EmqxReplicantReplicationLag: change(healthy(), 'emqx_mria_lag', pod('emqx-replicant-6d9f-b2'), 5000),
  EmqxCoreReplicationBacklog: change(healthy(), 'emqx_mria_server_mql', pod('emqx-core-1'), 20000),
  EmqxMessagesDropped: change(healthy(), 'emqx_messages_dropped', pod('emqx-core-0'), { 0: 1000 + 300 * 500, 300: 1000 }),
  EmqxConnectionsNearListenerLimit: change(healthy(), 'emqx_live_connections_count', pod('emqx-replicant-6d9f-c3'), { 0: 45_000, 600: 45_000 }),
  EmqxConnectionsNearLicenseLimit: change(healthy(), 'emqx_live_connections_count', all, { 0: 15_000, 600: 15_000 }),
  EmqxConnectionDrop: change(healthy(), 'emqx_live_connections_count', all, { 0: 100, 600: 1000 }),
  EmqxActionDisconnected: change(healthy(), 'emqx_action_status', pod('emqx-core-0'), 0),
  EmqxConnectorDisconnected: change(healthy(), 'emqx_connector_status', pod('emqx-core-0'), 0),
  EmqxActionQueueFull: change(healthy(), 'emqx_action_dropped_queue_full', pod('emqx-core-0'), { 0: 307, 300: 7 }),
  EmqxListenerCertificateExpiring: change(healthy(), 'emqx_cert_expiry_at', pod('emqx-core-0'), NOW + 3 * DAY),
  EmqxCertificateRenewalOverdue: change(healthy(), 'certmanager_certificate_expiration_timestamp_seconds', all, NOW + 3 * DAY),
  EmqxLicenseExpiring: change(healthy(), 'emqx_license_expiry_at', all, NOW + 10 * DAY),
  EmqxMemoryHigh: change(healthy(), 'container_memory_working_set_bytes', pod('emqx-core-1'), 3.9 * GiB),
};

/** Alerts that legitimately fire together with the one under test. */
const alsoFires: Record<string, string[]> = {
  EmqxCoreQuorumAtRisk: ['EmqxNodeDown'],
  EmqxConnectionsNearListenerLimit: [],
  EmqxConnectionsNearLicenseLimit: [],
};

function firing(series: SeriesFixture[]): string[] {
  const ctx = new EvalContext(series, NOW);
  return rules.filter((r) => r.expr.samples(ctx).length > 0).map((r) => r.alert);
}

describe('alert rules', () => {
  test('this cluster renders every alert the library has, each with a runbook', () => {
    // EmqxMemoryHigh is one rule per role (each with its own limit)
    expect([...new Set(rules.map((r) => r.alert))].sort()).toEqual(Object.keys(ALERT_RUNBOOKS).sort());
    expect(rules.filter((r) => r.alert === 'EmqxMemoryHigh')).toHaveLength(2);
    expect(Object.keys(failing).sort()).toEqual(Object.keys(ALERT_RUNBOOKS).sort());
  });

  test.each(rules.map((r) => [r.alert, r.expr.toString()]))('%s is valid PromQL: %s', (_alert, text) => {
    expect(promqlErrors(text)).toEqual([]);
  });

  test('a healthy cluster fires nothing', () => {
    expect(firing(healthy())).toEqual([]);
  });

  test.each(Object.keys(failing))('%s fires on its failure (and nothing unrelated does)', (alert) => {
    const fired = firing(failing[alert]);
    expect(fired).toContain(alert);
    expect(fired.filter((a) => a !== alert).sort()).toEqual((alsoFires[alert] ?? []).sort());
  });

  test('a disabled action that is disconnected does not alert', () => {
    const s = change(change(healthy(), 'emqx_action_status', all, 0), 'emqx_action_enable', all, 0);
    expect(firing(s)).toEqual([]);
  });

  test('every rule has a severity, a for duration, a summary and a description', () => {
    for (const r of rules) {
      expect(['critical', 'warning']).toContain(r.severity);
      expect(r.forSeconds).toBeGreaterThan(0);
      expect(r.summary.length).toBeGreaterThan(10);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });
});

describe('thresholds follow the topology', () => {
  const sized = (cores: number, replicants = 0) =>
    buildAlertRules(resolveClusterSpec({ name: 'emqx', namespace: 'iot', version: '6.0.1', cores, replicants, license: { secretName: 'l', key: 'k' }, monitoring: {}, networkPolicies: TEST_NETWORK_POLICIES }));
  const upCores = (n: number, total: number): SeriesFixture[] =>
    Array.from({ length: total }, (_, i) => ({ metric: 'up', labels: node(`emqx-core-${i}`), values: i < n ? 1 : 0 }));
  const fires = (rs: ReturnType<typeof sized>, alert: string, series: SeriesFixture[]) => rs.find((r) => r.alert === alert)!.expr.samples(new EvalContext(series, NOW)).length > 0;

  test('a 5-core cluster expects 5 nodes and needs 3 cores up; a 3-core cluster expects 3 and needs 2', () => {
    const five = sized(5);
    const three = sized(3);
    expect(five.find((r) => r.alert === 'EmqxClusterBelowExpectedSize')!.expr.toString()).toMatch(/< 5$/);
    expect(three.find((r) => r.alert === 'EmqxClusterBelowExpectedSize')!.expr.toString()).toMatch(/< 3$/);
    expect(fires(five, 'EmqxCoreQuorumAtRisk', upCores(3, 5))).toBe(false);
    expect(fires(five, 'EmqxCoreQuorumAtRisk', upCores(2, 5))).toBe(true);
    expect(fires(three, 'EmqxCoreQuorumAtRisk', upCores(2, 3))).toBe(false);
    expect(fires(three, 'EmqxCoreQuorumAtRisk', upCores(1, 3))).toBe(true);
  });

  test('replicants add their node count and the replication alerts', () => {
    const rs = sized(3, 4);
    expect(rs.find((r) => r.alert === 'EmqxClusterBelowExpectedSize')!.expr.toString()).toMatch(/< 7$/);
    expect(rs.map((r) => r.alert)).toEqual(expect.arrayContaining(['EmqxReplicantReplicationLag', 'EmqxCoreReplicationBacklog']));
    expect(sized(3).map((r) => r.alert)).not.toContain('EmqxReplicantReplicationLag');
  });

  test('no connection-limit alert when a listener is unlimited; version-gated alerts follow the version', () => {
    expect(sized(3).map((r) => r.alert)).not.toContain('EmqxConnectionsNearListenerLimit');
    const v51 = buildAlertRules(resolveClusterSpec({ name: 'emqx', namespace: 'iot', version: '5.1.6', monitoring: {}, networkPolicies: TEST_NETWORK_POLICIES, listeners: [{ type: ListenerType.SSL, tls: Tls.selfSignedCa() }] }));
    const names = v51.map((r) => r.alert);
    expect(names).not.toContain('EmqxActionDisconnected');
    expect(names).not.toContain('EmqxListenerCertificateExpiring');
    expect(names).not.toContain('EmqxLicenseExpiring');
    expect(names).toContain('EmqxCertificateRenewalOverdue');
  });

  test('alerts: false renders no rules', () => {
    expect(buildAlertRules(resolveClusterSpec({ name: 'emqx', version: '5.8.9', monitoring: { alerts: false }, networkPolicies: TEST_NETWORK_POLICIES }))).toEqual([]);
  });
});

test("6.3 renames or removes no metric the alerts and the dashboard read (erlang_vm_*, erlang_mnesia_*, emqx_vm_process_messages_in_queues: facts §10.10 41)", () => {
  const { buildGrafanaDashboard } = require('../../lib/monitoring/grafana-dashboard');
  for (const version of ['5.8.9', '6.0.1', '6.3.1']) {
    const c = resolveClusterSpec({ name: 'emqx', namespace: 'iot', version, cores: 3, license: version.startsWith('5.8') ? undefined : { secretName: 'l', key: 'k' }, monitoring: {}, networkPolicies: TEST_NETWORK_POLICIES });
    const queries = [...buildAlertRules(c).map((r) => r.expr.toString()), JSON.stringify(buildGrafanaDashboard(c))].join('\n');
    expect([version, queries.match(/erlang_vm_\w+|erlang_mnesia_\w+|emqx_vm_process_messages_in_queues/g)]).toEqual([version, null]);
    // and they do read EMQX's own series
    expect(queries).toMatch(/emqx_/);
  }
});
