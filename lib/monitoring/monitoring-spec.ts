import { promqlSyntaxErrors } from './promql-syntax';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { allKeys, durationSeconds, knownKeys, objectName, promDuration } from '../validation/validators';

/** Alert thresholds. Node counts are not here: they come from the topology (cores, replicants). */
export interface AlertThresholds {
  /** Replicant replication lag, in transactions behind its core (`emqx_mria_lag`). @default 1000 */
  readonly replicantLagTransactions?: number;
  /** Core-side replication backlog, in messages queued for replicants (`emqx_mria_server_mql`). @default 10000 */
  readonly coreBacklogMessages?: number;
  /** Messages dropped per second, cluster-wide, not counting drops for lack of subscribers. @default 100 */
  readonly droppedMessagesPerSecond?: number;
  /** Fraction of a node's listener connection limit (sum of `maxConnections`) that raises an alert. @default 0.8 */
  readonly connectionsRatio?: number;
  /** Connections your license allows, cluster-wide; alerts at {@link AlertThresholds.connectionsRatio} of it. @default - no license alert */
  readonly licenseConnections?: number;
  /** Fraction of all connections lost within 10 minutes that counts as a reconnect storm. @default 0.3 */
  readonly connectionDropRatio?: number;
  /** Below this many connections 10 minutes ago, a drop is not alerted (quiet clusters). @default 100 */
  readonly minConnectionsForDropAlert?: number;
  /** Days before a listener certificate expires. @default 14 */
  readonly certificateExpiryDays?: number;
  /** Days before the license expires (enterprise, 5.5+). @default 30 */
  readonly licenseExpiryDays?: number;
  /** Fraction of the container memory limit that raises an alert. @default 0.9 */
  readonly memoryRatio?: number;
}

/** Basic auth for the metrics endpoints (`prometheus.enable_basic_auth`, EMQX 5.4+): an API key and secret. */
export interface MetricsApiKeySpec {
  /**
   * The Secret holding the key, its secret and the bootstrap line EMQX loads (`api_key.bootstrap_file`);
   * create it with e.g. `kubectl create secret generic emqx-metrics --from-literal=api-key=prometheus
   * --from-literal=api-secret=... --from-literal=bootstrap='prometheus:...:viewer'`.
   */
  readonly secretName: string;
  /** The key with the API key (the basic-auth username). @default 'api-key' */
  readonly usernameKey?: string;
  /** The key with the API secret (the basic-auth password). @default 'api-secret' */
  readonly passwordKey?: string;
  /** The key with the `key:secret:role` line EMQX bootstraps. @default 'bootstrap' */
  readonly bootstrapKey?: string;
}

/** An alert rule of your own, next to the generated ones in the cluster's PrometheusRule. */
export interface UserAlertRule {
  /** The alert's name (a Prometheus metric name: letters, digits, `_`), not one of the generated alerts'. */
  readonly alert: string;
  /** The PromQL expression, checked at synth with the Prometheus project's grammar. */
  readonly expr: string;
  /** How long the condition must hold, a Prometheus duration. @default '5m' */
  readonly for?: string;
  /** The severity label. @default 'warning' */
  readonly severity?: 'critical' | 'warning' | 'info';
  /** The summary annotation. */
  readonly summary: string;
  /** The description annotation (may use `{{ $labels.x }}` and `{{ $value }}`). @default - the summary */
  readonly description?: string;
  /** More labels. @default - none */
  readonly labels?: Record<string, string>;
  /** More annotations (e.g. `runbook_url`). @default - none */
  readonly annotations?: Record<string, string>;
}

/** Prometheus Operator monitoring of a cluster: scrape configuration, alert rules and a Grafana dashboard. */
export interface MonitoringSpec {
  /**
   * `ServiceMonitor` (through a headless `<name>-metrics` Service over every node) or `PodMonitor`.
   * @default 'ServiceMonitor'
   */
  readonly scrape?: 'ServiceMonitor' | 'PodMonitor';
  /** Scrape interval. @default '30s' */
  readonly interval?: string;
  /** Scrape timeout, shorter than the interval. @default '10s' */
  readonly scrapeTimeout?: string;
  /** Labels added to every series, e.g. `{ plant: 'east', region: 'eu-west-1' }`. @default - none */
  readonly targetLabels?: Record<string, string>;
  /** Labels on the ServiceMonitor/PodMonitor/PrometheusRule so your Prometheus selects them, e.g. `{ release: 'kube-prometheus-stack' }`. @default - none */
  readonly selectorLabels?: Record<string, string>;
  /** Scrape with an API key (EMQX 5.4+); without it the endpoints are unauthenticated (EMQX's default). @default - none */
  readonly apiKey?: MetricsApiKeySpec;
  /** Also scrape `/api/v5/prometheus/data_integration` (rules, actions, connectors; EMQX 5.5+). @default - true from 5.5 */
  readonly dataIntegration?: boolean;
  /** Alert rules (`PrometheusRule <name>-alerts`); `false` renders none. @default - the default thresholds */
  readonly alerts?: AlertThresholds | false;
  /** Alert rules of your own, in the same PrometheusRule (their own group). @default - none */
  readonly extraAlertRules?: UserAlertRule[];
  /** A Grafana dashboard ConfigMap for the Grafana sidecar. @default true */
  readonly grafanaDashboard?: boolean;
  /** Labels the Grafana sidecar looks for. @default { grafana_dashboard: '1' } */
  readonly grafanaDashboardLabels?: Record<string, string>;
}

/** Monitoring after defaults. */
export interface ResolvedMonitoring {
  /** ServiceMonitor or PodMonitor. */
  readonly scrape: 'ServiceMonitor' | 'PodMonitor';
  /** Scrape interval. */
  readonly interval: string;
  /** Scrape timeout. */
  readonly scrapeTimeout: string;
  /** Labels added to every series. */
  readonly targetLabels: Record<string, string>;
  /** Labels on the monitoring objects. */
  readonly selectorLabels: Record<string, string>;
  /** The scrape API key, when basic auth is on. */
  readonly apiKey?: Required<MetricsApiKeySpec>;
  /** Whether `/data_integration` is scraped (5.5+). */
  readonly dataIntegration: boolean;
  /** The user's own alert rules, checked. */
  readonly extraAlertRules: UserAlertRule[];
  /** Alert thresholds, unless alerts are off. */
  readonly alerts?: Required<Omit<AlertThresholds, 'licenseConnections'>> & Pick<AlertThresholds, 'licenseConnections'>;
  /** Whether the dashboard ConfigMap is rendered. */
  readonly grafanaDashboard: boolean;
  /** Labels of the dashboard ConfigMap. */
  readonly grafanaDashboardLabels: Record<string, string>;
}

/** The label every series of a cluster carries (set by relabeling), and the role label. */
export const CLUSTER_LABEL = 'emqx_cluster';
export const ROLE_LABEL = 'emqx_role';
const RESERVED = new Set([CLUSTER_LABEL, ROLE_LABEL, 'namespace', 'pod', 'job', 'instance', 'service', 'endpoint', 'container', 'node', 'id']);

const DEFAULT_THRESHOLDS = {
  replicantLagTransactions: 1000,
  coreBacklogMessages: 10000,
  droppedMessagesPerSecond: 100,
  connectionsRatio: 0.8,
  connectionDropRatio: 0.3,
  minConnectionsForDropAlert: 100,
  certificateExpiryDays: 14,
  licenseExpiryDays: 30,
  memoryRatio: 0.9,
};

/** Applies defaults and checks the monitoring spec for a version. */
export function resolveMonitoring(spec: MonitoringSpec | undefined, version: EmqxVersion): ResolvedMonitoring | undefined {
  if (spec === undefined) return undefined;
  const scrape = spec.scrape ?? 'ServiceMonitor';
  if (scrape !== 'ServiceMonitor' && scrape !== 'PodMonitor') throw new EmqxSpecError('monitoring.scrape', scrape, 'is not a scrape kind', "use 'ServiceMonitor' or 'PodMonitor'");
  const interval = spec.interval ?? '30s';
  const scrapeTimeout = spec.scrapeTimeout ?? '10s';
  for (const [field, v] of [['monitoring.interval', interval], ['monitoring.scrapeTimeout', scrapeTimeout]] as const) {
    promDuration(field, v);
  }
  if (durationSeconds(scrapeTimeout) > durationSeconds(interval)) {
    throw new EmqxSpecError('monitoring.scrapeTimeout', scrapeTimeout, `is longer than the interval (${interval}); Prometheus refuses such a scrape config`, 'use a timeout at most as long as the interval');
  }
  for (const [k, v] of Object.entries(spec.targetLabels ?? {})) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || k.startsWith('__')) throw new EmqxSpecError(`monitoring.targetLabels.${k}`, k, 'is not a Prometheus label name', 'use letters, digits and _ (e.g. plant, region)');
    if (RESERVED.has(k)) throw new EmqxSpecError(`monitoring.targetLabels.${k}`, k, 'is set by the scrape itself', `use another name than ${[...RESERVED].join(', ')}`);
    if (typeof v !== 'string' || v === '') throw new EmqxSpecError(`monitoring.targetLabels.${k}`, v, 'needs a value', "give a string such as 'plant-east'");
  }
  let apiKey: Required<MetricsApiKeySpec> | undefined;
  if (spec.apiKey) {
    if (!version.hasPrometheusBasicAuth) {
      throw new EmqxSpecError('monitoring.apiKey', spec.apiKey.secretName, `EMQX ${version} has no authentication on its metrics endpoints (prometheus.enable_basic_auth exists from 5.4.0)`, 'remove apiKey (the endpoints are open on this version; restrict port 18083 with NetworkPolicies), or use EMQX 5.4 or newer');
    }
    objectName('monitoring.apiKey.secretName', spec.apiKey.secretName, 'Secret');
    apiKey = { usernameKey: 'api-key', passwordKey: 'api-secret', bootstrapKey: 'bootstrap', ...spec.apiKey };
  }
  const hasDataIntegration = version.hasDataIntegrationMetrics;
  if (spec.dataIntegration && !hasDataIntegration) {
    throw new EmqxSpecError('monitoring.dataIntegration', true, `EMQX ${version} has no /api/v5/prometheus/data_integration endpoint (added in 5.5.0)`, 'remove dataIntegration, or use EMQX 5.5 or newer');
  }
  let alerts: ResolvedMonitoring['alerts'];
  if (spec.alerts !== false) {
    alerts = { ...DEFAULT_THRESHOLDS, ...(spec.alerts ?? {}) };
    for (const [k, v] of Object.entries(alerts)) {
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new EmqxSpecError(`monitoring.alerts.${k}`, v, 'must be a positive number', 'omit it for the default');
    }
    for (const k of ['connectionsRatio', 'connectionDropRatio', 'memoryRatio'] as const) {
      if (alerts[k] >= 1) throw new EmqxSpecError(`monitoring.alerts.${k}`, alerts[k], 'is a fraction and must be below 1', 'use e.g. 0.8');
    }
  }
  return {
    scrape,
    interval,
    scrapeTimeout,
    targetLabels: { ...(spec.targetLabels ?? {}) },
    selectorLabels: { ...(spec.selectorLabels ?? {}) },
    apiKey,
    dataIntegration: spec.dataIntegration ?? hasDataIntegration,
    alerts,
    extraAlertRules: validateUserAlertRules(spec.extraAlertRules),
    grafanaDashboard: spec.grafanaDashboard ?? true,
    grafanaDashboardLabels: spec.grafanaDashboardLabels ?? { grafana_dashboard: '1' },
  };
}

const ALERT_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RULE_KEYS = allKeys<UserAlertRule>()(['alert', 'expr', 'for', 'severity', 'summary', 'description', 'labels', 'annotations']);

/** Checks the user's alert rules: names, a parseable PromQL expression (the Prometheus grammar), durations, labels. */
function validateUserAlertRules(rules: UserAlertRule[] | undefined): UserAlertRule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) throw new EmqxSpecError('monitoring.extraAlertRules', rules, 'is not a list of alert rules', "e.g. [{ alert: 'EmqxPlantSilent', expr: '...', summary: '...' }]");
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const f = `monitoring.extraAlertRules[${i}]`;
    if (!r || typeof r !== 'object') throw new EmqxSpecError(f, r, 'is not an alert rule', "give { alert, expr, summary }");
    knownKeys(f, r, RULE_KEYS);
    if (typeof r.alert !== 'string' || !ALERT_NAME.test(r.alert)) throw new EmqxSpecError(`${f}.alert`, r.alert, 'is not an alert name', "use letters, digits and _ (e.g. 'EmqxPlantSilent')");
    if (seen.has(r.alert)) throw new EmqxSpecError(`${f}.alert`, r.alert, 'is given twice', 'name each rule once');
    seen.add(r.alert);
    if (typeof r.expr !== 'string' || !r.expr.trim()) throw new EmqxSpecError(`${f}.expr`, r.expr, 'is not a PromQL expression', "e.g. 'sum(rate(emqx_messages_received[5m])) == 0'");
    const [at] = promqlSyntaxErrors(r.expr);
    if (at !== undefined) {
      throw new EmqxSpecError(`${f}.expr`, r.expr, `does not parse as PromQL (Prometheus' grammar), at column ${at + 1}: ${JSON.stringify(r.expr.slice(at, at + 20))}`, 'fix the expression (Prometheus would refuse the rule group)');
    }
    if (r.for !== undefined) promDuration(`${f}.for`, r.for, '5m');
    if (r.severity !== undefined && !['critical', 'warning', 'info'].includes(r.severity)) throw new EmqxSpecError(`${f}.severity`, r.severity, 'is not a severity', 'use critical, warning or info');
    if (typeof r.summary !== 'string' || !r.summary) throw new EmqxSpecError(`${f}.summary`, r.summary, 'is required', 'say in one line what is wrong');
    for (const [k, v] of Object.entries(r.labels ?? {})) {
      if (!ALERT_NAME.test(k)) throw new EmqxSpecError(`${f}.labels.${k}`, k, 'is not a Prometheus label name', 'use letters, digits and _');
      if (typeof v !== 'string') throw new EmqxSpecError(`${f}.labels.${k}`, v, 'is not a string', 'quote it');
    }
    for (const [k, v] of Object.entries(r.annotations ?? {})) {
      if (!ALERT_NAME.test(k)) throw new EmqxSpecError(`${f}.annotations.${k}`, k, 'is not an annotation name', 'use letters, digits and _');
      if (typeof v !== 'string') throw new EmqxSpecError(`${f}.annotations.${k}`, v, 'is not a string', 'quote it');
    }
    return r;
  });
}
