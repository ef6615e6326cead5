import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NetworkPolicyModel, tcp } from './network-policy-model';

/**
 * Egress to everything the configuration talks to — authentication and authorization services,
 * JWKS endpoints, Kafka brokers, InfluxDB — derived from the same spec that renders emqx.conf,
 * on exactly those ports, to each endpoint's declared peer (anywhere when none is declared).
 */
export function integrationEgressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  const endpoints = c.egressEndpoints;
  if (!endpoints.length) return undefined;
  return {
    name: `${c.name}-integrations`,
    purpose: `egress to ${endpoints.map((e) => `${e.description} (${e.ports.join(', ')})`).join('; ')}`,
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Egress'],
    egress: endpoints.map((e) => ({ peers: e.peer.peers, ports: tcp(...e.ports) })),
  };
}
