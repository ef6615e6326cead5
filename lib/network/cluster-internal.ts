import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel, tcp } from './network-policy-model';

/**
 * Erlang distribution (4370 + the node-name suffix, the same computed port as the containers) and
 * gen_rpc (5369) between the pods of this cluster, in both directions, every role with every role
 * (cores with cores, replicants with cores; replicants also reach each other in RPC fan-out).
 */
export function clusterInternalPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel {
  const own = { podSelector: { matchLabels: new ClusterLabels(c).cluster } };
  const ports = tcp(c.ports.distribution, c.ports.genRpc);
  return {
    name: `${c.name}-cluster-internal`,
    purpose: `Erlang distribution (${c.ports.distribution}) and gen_rpc (${c.ports.genRpc}) between the nodes of ${c.name}, both ways`,
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ peers: [own], ports }],
    egress: [{ peers: [own], ports }],
  };
}
