import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import { ACL_CONFIG_KEY } from '../model/authorization';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { kubeObject } from './kube-object';
import { configFileName, NodeRole, renderEmqxConfig } from '../hocon/emqx-config';

/**
 * The ConfigMap holding one emqx.conf per node role (mounted over `/opt/emqx/etc/emqx.conf`) and the
 * generated ACL file; with the EMQX Operator backend, the ACL file only.
 */
export class EmqxConfigMap extends Construct {
  /** The ConfigMap. */
  public readonly resource: ApiObject;
  /** The rendered emqx.conf of each role the cluster runs. */
  public readonly files: Partial<Record<NodeRole, string>>;

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    // with the EMQX Operator, emqx.conf is the EMQX resource's config.data: only the ACL file is here
    const roles: NodeRole[] = cluster.operator ? [] : cluster.replicants > 0 ? ['core', 'replicant'] : ['core'];
    this.files = Object.fromEntries(roles.map((r) => [r, renderEmqxConfig(cluster, r)]));
    this.resource = kubeObject<ConfigMap>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: cluster.names.configMap, namespace: cluster.namespace, labels: new ClusterLabels(cluster).metadata('config') },
      data: {
        ...Object.fromEntries(roles.map((r) => [configFileName(r), this.files[r]!])),
        ...(cluster.authorization.aclFile ? { [ACL_CONFIG_KEY]: cluster.authorization.aclFile } : {}),
      },
    });
  }
}
