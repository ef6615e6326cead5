import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel } from './network-policy-model';

/** Isolates every EMQX pod of the cluster for ingress and egress; the other policies open exactly what is needed. */
export function defaultDenyPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel {
  return {
    name: `${c.name}-default-deny`,
    purpose: 'deny all ingress and egress of the EMQX pods not allowed by another policy',
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Ingress', 'Egress'],
  };
}
