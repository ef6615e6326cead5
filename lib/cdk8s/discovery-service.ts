import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Service } from 'kubernetes-types/core/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { nonEmptyAnnotations } from '../model/listener-service-shape';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';

/**
 * The headless Service of the core nodes: it gives each core its stable DNS name (the host part
 * of its node name) and is what DNS SRV and k8s discovery read. `publishNotReadyAddresses` lets
 * nodes find each other before they are ready, which they must do to become ready.
 */
export class DiscoveryService extends Construct {
  /** The Service. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    this.resource = kubeObject<Service>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: cluster.names.headlessService, namespace: cluster.namespace, labels: labels.metadata('discovery'), ...nonEmptyAnnotations(cluster.serviceAnnotations.headless) },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: labels.role('core'),
        ports: [
          { name: 'ekka', port: cluster.ports.distribution, targetPort: 'ekka', protocol: 'TCP' },
          { name: 'gen-rpc', port: cluster.ports.genRpc, targetPort: 'gen-rpc', protocol: 'TCP' },
        ],
      },
    });
  }
}
