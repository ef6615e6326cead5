import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { DATA_VOLUME } from '../workload/node-pod-parts';
import type { EmqxConfigMap } from './emqx-config-map';
import { intOrString, nodePodTemplate } from './node-pod-template';

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
    this.resource = new k8s.KubeStatefulSet(this, 'Resource', {
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
              resources: { requests: { storage: k8s.Quantity.fromString(cluster.storage.size) } },
            },
          },
        ],
      },
    });
    this.disruptionBudget = new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: cluster.names.corePdb, namespace: cluster.namespace, labels: labels.metadata('core') },
      spec: { maxUnavailable: intOrString(cluster.workload.core.maxUnavailable), selector: { matchLabels: selector } },
    });
  }
}
