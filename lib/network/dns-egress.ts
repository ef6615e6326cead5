import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel } from './network-policy-model';

/** DNS (UDP and TCP 53) to the cluster DNS: node names, SRV discovery and every endpoint EMQX connects to by name. */
export function dnsEgressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel {
  return {
    name: `${c.name}-dns`,
    purpose: 'DNS lookups (UDP and TCP 53) to the cluster DNS',
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Egress'],
    egress: [{ peers: c.networkPolicies.dns.peers, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
  };
}
