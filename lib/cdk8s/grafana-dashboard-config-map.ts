import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';
import { buildGrafanaDashboard, dashboardUid } from '../monitoring/grafana-dashboard';

/** The cluster's Grafana dashboard in a ConfigMap labeled for the Grafana sidecar (`grafana_dashboard: "1"` by default). */
export class GrafanaDashboardConfigMap extends Construct {
  /** The ConfigMap (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    this.resource = kubeObject<ConfigMap>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: cluster.names.grafanaDashboard, namespace: cluster.namespace, labels: { ...labels.metadata('dashboard'), ...cluster.monitoring!.grafanaDashboardLabels } },
      data: { [`${dashboardUid(cluster)}.json`]: `${JSON.stringify(buildGrafanaDashboard(cluster), null, 2)}\n` },
    });
  }
}
