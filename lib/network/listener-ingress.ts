import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { Peer, PolicyPeer } from './network-peer';
import { ResolvedListener } from '../model/resolve-listeners';
import { NetworkPolicyModel, PolicyRule, tcp } from './network-policy-model';

/**
 * Who may open a connection to a listener's port on the pods:
 * - in-cluster listeners: `allowFrom`, else the pods of the cluster's namespace;
 * - NLB listeners: `allowFrom`, else the NLB's `sourceRanges`, else anyone for an internet-facing NLB
 *   (the NLB is open to the world anyway) — plus, always, the VPC CIDRs the NLB's health checks (and,
 *   without client IP preservation, its traffic) come from.
 */
export function listenerPeers(c: ResolvedEmqxCluster, l: ResolvedListener): PolicyPeer[] {
  const declared = (l.allowFrom ?? []).flatMap((p) => p.peers);
  if (l.exposure.kind !== 'aws-nlb') return declared.length ? declared : [...Peer.sameNamespace().peers];
  const nlb = l.exposure.nlb!;
  const clients = declared.length
    ? declared
    : nlb.sourceRanges?.length
      ? nlb.sourceRanges.map((cidr) => ({ ipBlock: { cidr } }))
      : nlb.scheme === 'internet-facing' ? [...Peer.anywhere().peers] : [];
  return [...clients, ...c.networkPolicies.vpcCidrs.map((cidr) => ({ ipBlock: { cidr } }))];
}

/** Ingress to each listener port on the pods that serve clients (replicants when there are any, else cores). */
export function listenerIngressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  if (!c.listeners.length) return undefined;
  const rules: PolicyRule[] = c.listeners.map((l) => ({ peers: listenerPeers(c, l), ports: tcp(l.port) }));
  return {
    name: `${c.name}-listeners`,
    purpose: `MQTT listeners (${c.listeners.map((l) => `${l.type}.${l.name}:${l.port}`).join(', ')}) from their declared peers`,
    podSelector: new ClusterLabels(c).clientFacing,
    policyTypes: ['Ingress'],
    ingress: rules,
  };
}
