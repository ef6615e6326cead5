import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { CLUSTER_LABEL, ROLE_LABEL } from './monitoring-spec';
import { matchesRegex, max, metric, min, PromExpr, rate, Selector, sum, time } from './promql';
import { quantityValue } from '../validation/quantity';

/** One Prometheus alerting rule, with its expression as a typed {@link PromExpr}. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: PromExpr;
  /** How long the condition must hold, in seconds. */
  readonly forSeconds: number;
  readonly severity: 'critical' | 'warning';
  readonly summary: string;
  /** May use `{{ $labels.x }}` and `{{ $value }}` templates. */
  readonly description: string;
}

/** A selector for a metric of one cluster: the namespace and the `emqx_cluster` label set by relabeling. */
export function clusterMetric(c: ResolvedEmqxCluster, name: string, extra: Record<string, string> = {}): Selector {
  return metric(name, { namespace: c.namespace, [CLUSTER_LABEL]: c.name, ...extra });
}

const DAY = 86400;

/**
 * The alert rules of a cluster, generated from its spec: expected node counts and the core majority
 * come from the topology, connection limits from the listeners, memory limits from the resources,
 * certificate and data-integration alerts only where the version and the spec have them.
 */
export function buildAlertRules(c: ResolvedEmqxCluster): AlertRule[] {
  const t = c.monitoring?.alerts;
  if (!t) return [];
  const m = (name: string, extra?: Record<string, string>) => clusterMetric(c, name, extra);
  const nodes = c.cores + c.replicants;
  const majority = Math.floor(c.cores / 2) + 1;
  const rules: AlertRule[] = [
    {
      alert: 'EmqxNodeDown',
      expr: m('up').eq(0),
      forSeconds: 120,
      severity: 'critical',
      summary: `EMQX node {{ $labels.pod }} of cluster ${c.name} is down`,
      description: 'Prometheus has not scraped {{ $labels.pod }} for 2 minutes.',
    },
    {
      alert: 'EmqxClusterBelowExpectedSize',
      expr: max(m('emqx_cluster_nodes_running')).lt(nodes),
      forSeconds: 300,
      severity: 'warning',
      summary: `EMQX cluster ${c.name} runs fewer than its ${nodes} nodes`,
      description: `No node sees all ${nodes} nodes (${c.cores} cores + ${c.replicants} replicants); the best view has {{ $value }}.`,
    },
    {
      alert: 'EmqxClusterPartitioned',
      expr: max(m('emqx_cluster_nodes_running')).sub(min(m('emqx_cluster_nodes_running'))).gt(0),
      forSeconds: 300,
      severity: 'warning',
      summary: `EMQX nodes of cluster ${c.name} disagree on the cluster membership`,
      description: 'The running-node counts reported by the nodes differ by {{ $value }} for 5 minutes: a partition or a node stuck leaving.',
    },
    {
      alert: 'EmqxCoreQuorumAtRisk',
      expr: sum(m('up', { [ROLE_LABEL]: 'core' })).lt(majority),
      forSeconds: 60,
      severity: 'critical',
      summary: `EMQX cluster ${c.name} has fewer than ${majority} of its ${c.cores} cores up`,
      // Mria cores commit with plain Mnesia transactions (no quorum): a majority matters for autoheal after a
      // partition and for builtin_raft durable storage, as the CoreCountEven check says
      description: `Only {{ $value }} core(s) are up, fewer than ${majority}: a network partition can no longer be autohealed, and builtin_raft durable storage stops writing shards that lost the majority of their replicas.`,
    },
  ];
  if (c.replicants > 0) {
    rules.push(
      {
        alert: 'EmqxReplicantReplicationLag',
        expr: max(m('emqx_mria_lag'), ['pod']).gt(t.replicantLagTransactions),
        forSeconds: 300,
        severity: 'warning',
        summary: 'EMQX replicant {{ $labels.pod }} lags behind its core',
        description: `Replication lag {{ $value }} transactions (threshold ${t.replicantLagTransactions}).`,
      },
      {
        alert: 'EmqxCoreReplicationBacklog',
        expr: max(m('emqx_mria_server_mql'), ['pod']).gt(t.coreBacklogMessages),
        forSeconds: 300,
        severity: 'warning',
        summary: 'EMQX core {{ $labels.pod }} has a replication backlog',
        description: `{{ $value }} messages queued for replicants (threshold ${t.coreBacklogMessages}).`,
      },
    );
  }
  rules.push({
    alert: 'EmqxMessagesDropped',
    expr: sum(rate(m('emqx_messages_dropped'), 300)).sub(sum(rate(m('emqx_messages_dropped_no_subscribers'), 300))).gt(t.droppedMessagesPerSecond),
    forSeconds: 600,
    severity: 'warning',
    summary: `EMQX cluster ${c.name} drops messages`,
    description: `{{ $value }} messages/s dropped (not counting no-subscriber drops; threshold ${t.droppedMessagesPerSecond}).`,
  });
  const limits = c.listeners.map((l) => l.maxConnections);
  if (limits.length && limits.every((x) => x !== undefined)) {
    const perNode = (limits as number[]).reduce((a, b) => a + b, 0);
    rules.push({
      alert: 'EmqxConnectionsNearListenerLimit',
      expr: max(m('emqx_live_connections_count'), ['pod']).gt(t.connectionsRatio * perNode),
      forSeconds: 300,
      severity: 'warning',
      summary: 'EMQX node {{ $labels.pod }} is near its connection limit',
      description: `{{ $value }} connections; the listeners allow ${perNode} per node (alert at ${Math.round(t.connectionsRatio * 100)}%).`,
    });
  }
  if (t.licenseConnections !== undefined) {
    rules.push({
      alert: 'EmqxConnectionsNearLicenseLimit',
      expr: sum(m('emqx_live_connections_count')).gt(t.connectionsRatio * t.licenseConnections),
      forSeconds: 300,
      severity: 'warning',
      summary: `EMQX cluster ${c.name} is near its licensed connections`,
      description: `{{ $value }} connections of ${t.licenseConnections} licensed.`,
    });
  }
  const live = m('emqx_live_connections_count');
  rules.push({
    alert: 'EmqxConnectionDrop',
    expr: sum(live).lt(sum(live.offset(600)).mul(1 - t.connectionDropRatio)).and(sum(live.offset(600)).gt(t.minConnectionsForDropAlert)),
    forSeconds: 60,
    severity: 'warning',
    summary: `EMQX cluster ${c.name} lost over ${Math.round(t.connectionDropRatio * 100)}% of its connections in 10 minutes`,
    description: '{{ $value }} connections now; expect a reconnect storm.',
  });
  if (c.monitoring!.dataIntegration) {
    rules.push(
      {
        alert: 'EmqxActionDisconnected',
        expr: m('emqx_action_status').eq(0).and(m('emqx_action_enable').eq(1)),
        forSeconds: 300,
        severity: 'warning',
        summary: 'EMQX action {{ $labels.id }} is not connected',
        description: 'Enabled action {{ $labels.id }} on {{ $labels.pod }} has not been connected for 5 minutes; it buffers, then drops.',
      },
      {
        alert: 'EmqxConnectorDisconnected',
        expr: m('emqx_connector_status').eq(0).and(m('emqx_connector_enable').eq(1)),
        forSeconds: 300,
        severity: 'warning',
        summary: 'EMQX connector {{ $labels.id }} is not connected',
        description: 'Enabled connector {{ $labels.id }} on {{ $labels.pod }} cannot reach its target.',
      },
      {
        alert: 'EmqxActionQueueFull',
        expr: rate(m('emqx_action_dropped_queue_full'), 300).gt(0),
        forSeconds: 300,
        severity: 'critical',
        summary: 'EMQX action {{ $labels.id }} drops messages: its buffer is full',
        description: '{{ $value }} messages/s dropped on {{ $labels.pod }}.',
      },
    );
  }
  const podTls = c.listeners.filter((l) => l.tls?.terminatesAt === 'pod');
  if (podTls.length && c.version.hasExpiryGauges) {
    rules.push({
      alert: 'EmqxListenerCertificateExpiring',
      expr: m('emqx_cert_expiry_at').sub(time()).lt(t.certificateExpiryDays * DAY),
      forSeconds: 3600,
      severity: 'warning',
      summary: 'The certificate of EMQX listener {{ $labels.listener_type }}.{{ $labels.listener_name }} expires soon',
      description: `Less than ${t.certificateExpiryDays} days left on {{ $labels.pod }}.`,
    });
  }
  const certNames = podTls.map((l) => (l.tls?.terminatesAt === 'pod' ? l.tls.certificate?.name : undefined)).filter((n): n is string => n !== undefined);
  if (certNames.length) {
    // cert-manager's own metric; scraped from cert-manager, the Certificate's namespace is `exported_namespace`
    const cm = metric('certmanager_certificate_expiration_timestamp_seconds', { exported_namespace: c.namespace }).where(matchesRegex('name', certNames.join('|')));
    rules.push({
      alert: 'EmqxCertificateRenewalOverdue',
      expr: cm.sub(time()).lt(t.certificateExpiryDays * DAY),
      forSeconds: 3600,
      severity: 'warning',
      summary: 'cert-manager has not renewed EMQX certificate {{ $labels.name }}',
      description: `Less than ${t.certificateExpiryDays} days left, although cert-manager renews ahead of expiry (renewBefore): renewal is failing.`,
    });
  }
  if (c.version.hasLicenseRoot(c.edition) && c.version.hasExpiryGauges) {
    rules.push({
      alert: 'EmqxLicenseExpiring',
      expr: max(m('emqx_license_expiry_at')).sub(time()).lt(t.licenseExpiryDays * DAY),
      forSeconds: 3600,
      severity: 'warning',
      summary: `The EMQX license of cluster ${c.name} expires soon`,
      description: `Less than ${t.licenseExpiryDays} days left.`,
    });
  }
  for (const [role, res, present] of [['core', c.coreResources, true], ['replicant', c.replicantResources, c.replicants > 0]] as const) {
    const limit = res.limits?.memory;
    if (!present || !limit) continue;
    const bytes = quantityValue(limit);
    const pods = role === 'core' ? `${c.names.coreStatefulSet}-[0-9]+` : `${c.names.replicantDeployment}-[a-z0-9]+-[a-z0-9]+`;
    rules.push({
      alert: 'EmqxMemoryHigh',
      expr: max(metric('container_memory_working_set_bytes', { namespace: c.namespace, container: 'emqx' }).where(matchesRegex('pod', pods)), ['pod']).gt(t.memoryRatio * bytes),
      forSeconds: 600,
      severity: 'warning',
      summary: `EMQX ${role} {{ $labels.pod }} is near its memory limit`,
      description: `Working set {{ $value | humanize1024 }}B of the ${limit} limit (alert at ${Math.round(t.memoryRatio * 100)}%).`,
    });
  }
  return rules;
}
