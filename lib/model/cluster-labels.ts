import { ResolvedEmqxCluster } from './emqx-cluster-spec';
import { NodeRole } from '../hocon/emqx-config';

/**
 * The labels the library puts on objects and selects pods by. Selectors use only stable
 * `app.kubernetes.io/{name,instance,component}` labels: StatefulSet and Deployment selectors are
 * immutable, so they never contain a version or a hashed construct path.
 */
export class ClusterLabels {
  constructor(private readonly c: Pick<ResolvedEmqxCluster, 'name' | 'version' | 'labels' | 'replicants'>) {}

  /** Selects every EMQX pod of this cluster (both roles). */
  public get cluster(): Record<string, string> {
    return { 'app.kubernetes.io/name': 'emqx', 'app.kubernetes.io/instance': this.c.name };
  }

  /** Selects the pods of one role. */
  public role(role: NodeRole): Record<string, string> {
    return { ...this.cluster, 'app.kubernetes.io/component': role };
  }

  /** Labels for object metadata (not selectors): adds managed-by, version and the user's labels. */
  public metadata(component?: string): Record<string, string> {
    return {
      ...this.c.labels,
      ...this.cluster,
      ...(component ? { 'app.kubernetes.io/component': component } : {}),
      'app.kubernetes.io/version': this.c.version.version,
      'app.kubernetes.io/managed-by': 'emqx-constructs',
    };
  }

  /** The pods a client listener Service sends to: replicants when there are any, else cores. */
  public get clientFacing(): Record<string, string> {
    return this.role(this.c.replicants > 0 ? 'replicant' : 'core');
  }
}
