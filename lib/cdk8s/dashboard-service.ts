import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Service } from 'kubernetes-types/core/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { nonEmptyAnnotations } from '../model/listener-service-shape';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';

/**
 * The dashboard / REST API / Prometheus Service: ClusterIP (never public by default), selecting
 * the core nodes, where the management API is authoritative.
 */
export class DashboardService extends Construct {
  /** The Service. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    this.resource = kubeObject<Service>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: cluster.names.dashboardService, namespace: cluster.namespace, labels: labels.metadata('dashboard'), ...nonEmptyAnnotations(cluster.serviceAnnotations.dashboard) },
      spec: {
        type: 'ClusterIP',
        selector: labels.role('core'),
        ports: [{ name: 'dashboard', port: cluster.ports.dashboard, targetPort: 'dashboard', protocol: 'TCP' }],
      },
    });
  }
}
