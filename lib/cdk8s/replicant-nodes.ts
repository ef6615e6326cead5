import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import type { EmqxConfigMap } from './emqx-config-map';
import { kubeObject } from './kube-object';
import { nodePodTemplate } from './node-pod-template';

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
   * @param config the cluster's ConfigMap (the role's emqx.conf; its final content decides the pods' config hash)
   */
  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, config: EmqxConfigMap) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    const selector = labels.role('replicant');
    this.resource = kubeObject<Deployment>(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: cluster.names.replicantDeployment, namespace: cluster.namespace, labels: labels.metadata('replicant') },
      spec: {
        replicas: cluster.replicants,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: nodePodTemplate(cluster, 'replicant', config),
      },
    });
    this.disruptionBudget = kubeObject<PodDisruptionBudget>(this, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: cluster.names.replicantPdb, namespace: cluster.namespace, labels: labels.metadata('replicant') },
      spec: { maxUnavailable: cluster.workload.replicant.maxUnavailable, selector: { matchLabels: selector } },
    });
  }
}
