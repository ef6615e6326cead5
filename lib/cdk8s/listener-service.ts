import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../spec/cluster-labels';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { ResolvedListener } from '../spec/resolve-listeners';

/** Service ports for listeners, targeting the containers' named ports. */
export function listenerServicePorts(listeners: ResolvedListener[]): k8s.ServicePort[] {
  return listeners.map((l) => ({ name: l.portName, port: l.port, targetPort: k8s.IntOrString.fromString(l.portName), protocol: 'TCP' }));
}

/**
 * The in-cluster Service for the listeners exposed with `Exposure.clusterIp()` (ClusterIP,
 * `<name>-mqtt`). It selects the replicants when the cluster has any, else the cores: clients
 * belong on replicants.
 */
export class ListenerService extends Construct {
  /** The Service. */
  public readonly resource: k8s.KubeService;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, listeners: ResolvedListener[]) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    this.resource = new k8s.KubeService(this, 'Resource', {
      metadata: { name: cluster.names.listenerService, namespace: cluster.namespace, labels: labels.metadata('listeners') },
      spec: {
        type: 'ClusterIP',
        selector: labels.clientFacing,
        ports: listenerServicePorts(listeners),
      },
    });
  }
}
