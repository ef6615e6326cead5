import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../spec/cluster-labels';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { ResolvedListener, ResolvedNlbTls } from '../spec/resolve-listeners';
import { listenerServicePorts } from './listener-service';

const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';

/**
 * A `LoadBalancer` Service for the listeners exposed on one AWS NLB (AWS Load Balancer Controller,
 * IP targets), named `<cluster>-<exposure name>`. It selects replicants when there are any, else cores.
 * Listeners with `Tls.atNlb()` become NLB TLS listeners (ACM certificate, security policy) that forward
 * plain MQTT with PROXY protocol v2 to EMQX.
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
    // IP targets do not keep the client address unless the target group is told to
    if (nlb.preserveClientIp ?? true) annotations[`${ANN}target-group-attributes`] = 'preserve_client_ip.enabled=true';
    if (!nlb.loadBalancerClass) annotations[`${ANN}type`] = 'external';
    // the NLB sends PROXY protocol v2 (its only version) to every target group of the Service
    if (listeners[0].proxyProtocol) annotations[`${ANN}proxy-protocol`] = '*';
    const tlsAtNlb = listeners.filter((l) => l.tls?.terminatesAt === 'nlb');
    if (tlsAtNlb.length) {
      const tls = tlsAtNlb[0].tls as ResolvedNlbTls;
      annotations[`${ANN}ssl-cert`] = tls.certificateArns.join(',');
      annotations[`${ANN}ssl-ports`] = tlsAtNlb.map((l) => String(l.port)).join(',');
      annotations[`${ANN}ssl-negotiation-policy`] = tls.sslPolicy;
    }
    if (nlb.idleTimeoutSeconds !== undefined) {
      // TLS listeners keep AWS's fixed 350 s; the attribute exists for TCP listeners only
      for (const l of listeners.filter((x) => x.tls?.terminatesAt !== 'nlb')) {
        annotations[`${ANN}listener-attributes.TCP-${l.port}`] = `tcp.idle_timeout.seconds=${nlb.idleTimeoutSeconds}`;
      }
    }
    if (nlb.hostname) annotations['emqx-constructs.io/hostname'] = nlb.hostname;
    this.resource = new k8s.KubeService(this, 'Resource', {
      metadata: { name: listeners[0].serviceName, namespace: cluster.namespace, labels: labels.metadata('listeners'), annotations },
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
