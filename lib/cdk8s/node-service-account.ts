import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';

/**
 * The nodes' ServiceAccount and, for k8s discovery only, a Role that can read the headless
 * Service's Endpoints (`get`, `list`, `watch` on `endpoints`, as ekka calls
 * `GET /api/v1/namespaces/<ns>/endpoints/<service>`) and nothing else.
 */
export class NodeServiceAccount extends Construct {
  /** The ServiceAccount. */
  public readonly resource: ApiObject;
  /** The discovery Role, when the cluster uses k8s discovery. */
  public readonly role?: ApiObject;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster).metadata('rbac');
    const k8sDiscovery = cluster.discovery.strategy === 'k8s';
    this.resource = kubeObject<ServiceAccount>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: cluster.names.serviceAccount,
        namespace: cluster.namespace,
        labels,
        annotations: Object.keys(cluster.workload.serviceAccountAnnotations).length ? cluster.workload.serviceAccountAnnotations : undefined,
      },
      automountServiceAccountToken: k8sDiscovery,
    });
    if (!k8sDiscovery) return;
    this.role = kubeObject<Role>(this, 'DiscoveryRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: cluster.names.discoveryRole, namespace: cluster.namespace, labels },
      rules: [{ apiGroups: [''], resources: ['endpoints'], resourceNames: [cluster.names.headlessService], verbs: ['get', 'list', 'watch'] }],
    });
    kubeObject<RoleBinding>(this, 'DiscoveryRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: cluster.names.discoveryRole, namespace: cluster.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: cluster.names.discoveryRole },
      subjects: [{ kind: 'ServiceAccount', name: cluster.names.serviceAccount, namespace: cluster.namespace }],
    });
  }
}
