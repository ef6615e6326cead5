import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { CLUSTER_LABEL, ResolvedMonitoring, ROLE_LABEL } from '../monitoring/monitoring-spec';
import { kubeObject } from './kube-object';
import type { PodMonitor, ServiceMonitor } from './prometheus-operator-api';

/** The scrape paths: node metrics, and rules/actions/connectors from 5.5. */
export function scrapePaths(m: ResolvedMonitoring): string[] {
  return ['/api/v5/prometheus/stats', ...(m.dataIntegration ? ['/api/v5/prometheus/data_integration'] : [])];
}

/**
 * The Prometheus Operator scrape configuration of a cluster: a `ServiceMonitor` on the `<name>-metrics`
 * Service, or a `PodMonitor` on the pods. Relabeling adds `emqx_cluster`, `emqx_role` and the spec's
 * target labels (plant, region, ...) to every series, which the alert rules select on. With an API key
 * it sends basic auth from the Secret (EMQX 5.4+ `prometheus.enable_basic_auth`).
 */
export class MetricsScrape extends Construct {
  /** The ServiceMonitor or PodMonitor (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const m = cluster.monitoring!;
    const labels = new ClusterLabels(cluster);
    const relabelings = [
      { targetLabel: CLUSTER_LABEL, replacement: cluster.name },
      { sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component'], targetLabel: ROLE_LABEL },
      ...Object.entries(m.targetLabels).map(([targetLabel, replacement]) => ({ targetLabel, replacement })),
    ];
    const basicAuth = m.apiKey
      ? { username: { name: m.apiKey.secretName, key: m.apiKey.usernameKey }, password: { name: m.apiKey.secretName, key: m.apiKey.passwordKey } }
      : undefined;
    const endpoints = scrapePaths(m).map((path) => ({ port: 'dashboard', path, interval: m.interval, scrapeTimeout: m.scrapeTimeout, relabelings, basicAuth }));
    const metadata = { name: cluster.names.scrapeConfig, namespace: cluster.namespace, labels: { ...labels.metadata('metrics'), ...m.selectorLabels } };
    const namespaceSelector = { matchNames: [cluster.namespace] };
    this.resource = m.scrape === 'ServiceMonitor'
      ? kubeObject<ServiceMonitor>(this, 'Resource', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata,
        spec: { selector: { matchLabels: { ...labels.cluster, 'app.kubernetes.io/component': 'metrics' } }, namespaceSelector, endpoints },
      })
      : kubeObject<PodMonitor>(this, 'Resource', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PodMonitor',
        metadata,
        spec: { selector: { matchLabels: labels.cluster }, namespaceSelector, podMetricsEndpoints: endpoints },
      });
  }
}
