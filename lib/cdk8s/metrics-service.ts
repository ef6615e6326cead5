import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Service } from 'kubernetes-types/core/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { nonEmptyAnnotations } from '../model/listener-service-shape';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';

/**
 * A headless Service over every EMQX node (cores and replicants) on the dashboard port, for the
 * ServiceMonitor: the dashboard Service selects cores only, and replicants carry the client metrics.
 * Not-ready nodes are published too, so a crash-looping node shows as `up == 0` instead of vanishing.
 */
export class MetricsService extends Construct {
  /** The Service (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    this.resource = kubeObject<Service>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: cluster.names.metricsService, namespace: cluster.namespace, labels: labels.metadata('metrics'), ...nonEmptyAnnotations(cluster.serviceAnnotations.metrics) },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: labels.cluster,
        ports: [{ name: 'dashboard', port: cluster.ports.dashboard, targetPort: 'dashboard', protocol: 'TCP' }],
      },
    });
  }
}
