import { createHash } from 'node:crypto';
import { clusterMetric } from './emqx-alerts';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { matchesRegex, max, metric, PromExpr, rate, sum } from './promql';

/** One dashboard panel: a title and its queries (the same typed expressions as the alerts). */
export interface DashboardPanel {
  readonly title: string;
  readonly unit: string;
  readonly queries: { readonly expr: PromExpr; readonly legend: string }[];
}

/** The panels of a cluster's dashboard; replication and data-integration panels only where the cluster has them. */
export function dashboardPanels(c: ResolvedEmqxCluster): DashboardPanel[] {
  const m = (name: string, extra?: Record<string, string>) => clusterMetric(c, name, extra);
  const panels: DashboardPanel[] = [
    {
      title: `Nodes running (expected ${c.cores + c.replicants})`,
      unit: 'short',
      queries: [{ expr: max(m('emqx_cluster_nodes_running')), legend: 'running' }, { expr: sum(m('up')), legend: 'scraped up' }],
    },
    { title: 'Live connections per node', unit: 'short', queries: [{ expr: sum(m('emqx_live_connections_count'), ['pod']), legend: '{{pod}}' }] },
    { title: 'Sessions per node', unit: 'short', queries: [{ expr: sum(m('emqx_sessions_count'), ['pod']), legend: '{{pod}}' }] },
    {
      title: 'Messages per second',
      unit: 'ops',
      queries: [
        { expr: sum(rate(m('emqx_messages_received'), 300)), legend: 'received' },
        { expr: sum(rate(m('emqx_messages_sent'), 300)), legend: 'sent' },
        { expr: sum(rate(m('emqx_messages_dropped'), 300)), legend: 'dropped' },
      ],
    },
    {
      title: 'Memory working set per pod',
      unit: 'bytes',
      queries: [{
        expr: max(metric('container_memory_working_set_bytes', { namespace: c.namespace, container: 'emqx' }).where(matchesRegex('pod', `${c.name}-(core|replicant)-.+`)), ['pod']),
        legend: '{{pod}}',
      }],
    },
  ];
  if (c.replicants > 0) {
    panels.push({
      title: 'Replication (mria)',
      unit: 'short',
      queries: [{ expr: max(m('emqx_mria_lag'), ['pod']), legend: 'lag {{pod}}' }, { expr: max(m('emqx_mria_server_mql'), ['pod']), legend: 'core queue {{pod}}' }],
    });
  }
  if (c.monitoring?.dataIntegration) {
    panels.push({
      title: 'Actions and connectors connected (1) / not (0)',
      unit: 'short',
      queries: [{ expr: min0(m('emqx_action_status')), legend: 'action {{id}}' }, { expr: min0(m('emqx_connector_status')), legend: 'connector {{id}}' }],
    });
  }
  return panels;
}

function min0(e: PromExpr): PromExpr {
  return max(e, ['id']);
}

/** A Grafana uid (at most 40 characters) that is stable for a namespace and cluster. */
export function dashboardUid(c: ResolvedEmqxCluster): string {
  const uid = `emqx-${c.namespace}-${c.name}`;
  return uid.length <= 40 ? uid : `emqx-${createHash('sha256').update(uid).digest('hex').slice(0, 35)}`;
}

/** The dashboard JSON model (Grafana schema 39, a `datasource` variable for the Prometheus data source). */
export function buildGrafanaDashboard(c: ResolvedEmqxCluster): Record<string, unknown> {
  const ds = { type: 'prometheus', uid: '${datasource}' };
  return {
    uid: dashboardUid(c),
    title: `EMQX ${c.namespace}/${c.name}`,
    tags: ['emqx', 'mqtt'],
    schemaVersion: 39,
    timezone: 'browser',
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }] },
    panels: dashboardPanels(c).map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource: ds,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource: ds, expr: q.expr.toString(), legendFormat: q.legend })),
    })),
  };
}
