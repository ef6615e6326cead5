import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../spec/cluster-labels';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { intOrString, nodePodTemplate } from './node-pod-template';

/**
 * The replicant nodes: a stateless Deployment (node name `<short>@<pod IP>`, as the EMQX Operator
 * does; cores reach replicants by IP) that replicates from the cores, plus its PodDisruptionBudget.
 * Rolling updates surge one new replicant before an old one stops.
 */
export class ReplicantNodes extends Construct {
  /** The Deployment (`defaultChild`). */
  public readonly resource: ApiObject;
  /** The PodDisruptionBudget (at most one replicant down at a time). */
  public readonly disruptionBudget: ApiObject;

  /**
   * @param conf the role's rendered emqx.conf (from the cluster's ConfigMap)
   */
  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, conf: string) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    const selector = labels.role('replicant');
    this.resource = new k8s.KubeDeployment(this, 'Resource', {
      metadata: { name: cluster.names.replicantDeployment, namespace: cluster.namespace, labels: labels.metadata('replicant') },
      spec: {
        replicas: cluster.replicants,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        template: nodePodTemplate(cluster, 'replicant', conf),
      },
    });
    this.disruptionBudget = new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: cluster.names.replicantPdb, namespace: cluster.namespace, labels: labels.metadata('replicant') },
      spec: { maxUnavailable: intOrString(cluster.workload.replicant.maxUnavailable), selector: { matchLabels: selector } },
    });
  }
}
