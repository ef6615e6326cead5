import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel, tcp } from './network-policy-model';

/** The API server, for Kubernetes discovery only (ekka reads the headless Service's Endpoints). */
export function apiServerEgressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  const api = c.networkPolicies.apiServer;
  if (c.discovery.strategy !== 'k8s' || !api) return undefined;
  return {
    name: `${c.name}-api-server`,
    purpose: `the Kubernetes API server (${api.cidrs.join(', ')}:${api.port}) for k8s discovery`,
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Egress'],
    egress: [{ peers: api.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(api.port) }],
  };
}
