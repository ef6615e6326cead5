import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Service } from 'kubernetes-types/core/v1';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';
import { ListenerServiceShape } from '../model/listener-service-shape';

/**
 * A client listener Service from its {@link ListenerServiceShape}: the in-cluster ClusterIP Service
 * (`<name>-mqtt`) or an AWS NLB `LoadBalancer` Service (`<name>-<exposure>`). Either selects the
 * replicants when the cluster has any, else the cores: clients belong on replicants.
 */
export class ListenerService extends Construct {
  /** The Service. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, shape: ListenerServiceShape) {
    super(scope, id);
    this.resource = kubeObject<Service>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: shape.name, namespace: cluster.namespace, labels: shape.labels, annotations: shape.annotations },
      spec: {
        type: shape.type,
        loadBalancerClass: shape.loadBalancerClass,
        externalTrafficPolicy: shape.externalTrafficPolicy,
        loadBalancerSourceRanges: shape.loadBalancerSourceRanges,
        selector: shape.selector,
        ports: shape.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol })),
      },
    });
  }
}
