import { ClusterLabels } from '../cluster-labels';
import { ResolvedEmqxCluster } from '../emqx-cluster-spec';
import { NetworkPolicyModel, tcp } from './network-policy-model';

/** The dashboard / REST API / metrics port from the declared operator and monitoring peers only (kubelet probes come from the node, which policies never block). */
export function dashboardIngressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  const from = c.networkPolicies.dashboardFrom;
  if (!from.length) return undefined;
  return {
    name: `${c.name}-dashboard`,
    purpose: `dashboard, REST API and metrics (${c.ports.dashboard}) from ${from.map((p) => p.description).join(', ')}`,
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Ingress'],
    ingress: [{ peers: from.flatMap((p) => p.peers), ports: tcp(c.ports.dashboard) }],
  };
}
