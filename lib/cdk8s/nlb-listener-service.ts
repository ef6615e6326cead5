import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../spec/cluster-labels';
import { ResolvedEmqxCluster, ResolvedListener } from '../spec/emqx-cluster-spec';
import { listenerServicePorts } from './listener-service';

const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';

/**
 * A `LoadBalancer` Service for the listeners exposed on one AWS NLB (AWS Load Balancer Controller,
 * IP targets), named `<cluster>-<exposure name>`. It selects replicants when there are any, else cores.
 */
export class NlbListenerService extends Construct {
  /** The Service. */
  public readonly resource: k8s.KubeService;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, listeners: ResolvedListener[]) {
    super(scope, id);
    const nlb = listeners[0].exposure.nlb!;
    const labels = new ClusterLabels(cluster);
    const annotations: Record<string, string> = {
      [`${ANN}nlb-target-type`]: 'ip',
      [`${ANN}scheme`]: nlb.scheme ?? 'internal',
      [`${ANN}attributes`]: `load_balancing.cross_zone.enabled=${nlb.crossZone ?? true}`,
    };
    if (!nlb.loadBalancerClass) annotations[`${ANN}type`] = 'external';
    if (listeners[0].proxyProtocol) annotations[`${ANN}proxy-protocol`] = '*';
    if (nlb.hostname) annotations['emqx-constructs.io/hostname'] = nlb.hostname;
    this.resource = new k8s.KubeService(this, 'Resource', {
      metadata: { name: `${cluster.name}-${nlb.name}`, namespace: cluster.namespace, labels: labels.metadata('listeners'), annotations },
      spec: {
        type: 'LoadBalancer',
        loadBalancerClass: nlb.loadBalancerClass,
        externalTrafficPolicy: (nlb.preserveClientIp ?? true) ? 'Local' : 'Cluster',
        loadBalancerSourceRanges: nlb.sourceRanges,
        selector: labels.clientFacing,
        ports: listenerServicePorts(listeners),
      },
    });
  }
}
