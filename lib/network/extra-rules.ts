import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel } from './network-policy-model';

/** The user's extra allowed ingress and egress. */
export function extraRulesPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  const { extraIngress, extraEgress } = c.networkPolicies;
  if (!extraIngress.length && !extraEgress.length) return undefined;
  return {
    name: `${c.name}-extra`,
    purpose: 'extra peers declared in networkPolicies.extraIngress / extraEgress',
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: [...(extraIngress.length ? ['Ingress' as const] : []), ...(extraEgress.length ? ['Egress' as const] : [])],
    ingress: extraIngress.length ? extraIngress.map((r) => ({ peers: r.from.flatMap((p) => p.peers), ports: r.ports })) : undefined,
    egress: extraEgress.length ? extraEgress.map((r) => ({ peers: r.to.flatMap((p) => p.peers), ports: r.ports })) : undefined,
  };
}
