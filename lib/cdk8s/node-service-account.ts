import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';

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
    this.resource = new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: {
        name: cluster.names.serviceAccount,
        namespace: cluster.namespace,
        labels,
        annotations: Object.keys(cluster.workload.serviceAccountAnnotations).length ? cluster.workload.serviceAccountAnnotations : undefined,
      },
      automountServiceAccountToken: k8sDiscovery,
    });
    if (!k8sDiscovery) return;
    this.role = new k8s.KubeRole(this, 'DiscoveryRole', {
      metadata: { name: cluster.names.discoveryRole, namespace: cluster.namespace, labels },
      rules: [{ apiGroups: [''], resources: ['endpoints'], resourceNames: [cluster.names.headlessService], verbs: ['get', 'list', 'watch'] }],
    });
    new k8s.KubeRoleBinding(this, 'DiscoveryRoleBinding', {
      metadata: { name: cluster.names.discoveryRole, namespace: cluster.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: cluster.names.discoveryRole },
      subjects: [{ kind: 'ServiceAccount', name: cluster.names.serviceAccount, namespace: cluster.namespace }],
    });
  }
}
