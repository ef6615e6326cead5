import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { DATA_VOLUME } from '../workload/node-pod-parts';
import type { EmqxConfigMap } from './emqx-config-map';
import { kubeObject } from './kube-object';
import { nodePodTemplate } from './node-pod-template';

/**
 * The core nodes: a StatefulSet (stable name, `Parallel` pod management by default so a cold cluster's
 * nodes can find each other, one PVC per core for `/opt/emqx/data`) and its PodDisruptionBudget.
 * The StatefulSet's name and selector never change across upgrades, so each core keeps its PVC.
 */
export class CoreNodes extends Construct {
  /** The StatefulSet (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;
  /** The PodDisruptionBudget (at most one core down at a time). */
  public readonly disruptionBudget: ApiObject;

  /**
   * @param config the cluster's ConfigMap (the role's emqx.conf; its final content decides the pods' config hash)
   */
  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, config: EmqxConfigMap) {
    super(scope, id);
    const labels = new ClusterLabels(cluster);
    const selector = labels.role('core');
    this.resource = kubeObject<StatefulSet>(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: cluster.names.coreStatefulSet, namespace: cluster.namespace, labels: labels.metadata('core') },
      spec: {
        serviceName: cluster.names.headlessService,
        replicas: cluster.cores,
        podManagementPolicy: cluster.workload.core.podManagementPolicy,
        updateStrategy: { type: 'RollingUpdate' },
        selector: { matchLabels: selector },
        template: nodePodTemplate(cluster, 'core', config),
        volumeClaimTemplates: [
          {
            metadata: { name: DATA_VOLUME, labels: selector },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: cluster.storage.storageClassName,
              resources: { requests: { storage: cluster.storage.size } },
            },
          },
        ],
      },
    });
    this.disruptionBudget = kubeObject<PodDisruptionBudget>(this, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: cluster.names.corePdb, namespace: cluster.namespace, labels: labels.metadata('core') },
      spec: { maxUnavailable: cluster.workload.core.maxUnavailable, selector: { matchLabels: selector } },
    });
  }
}
