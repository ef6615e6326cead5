import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { apiServerEgressPolicy } from './api-server-egress';
import { clusterInternalPolicy } from './cluster-internal';
import { dashboardIngressPolicy } from './dashboard-ingress';
import { defaultDenyPolicy } from './default-deny';
import { dnsEgressPolicy } from './dns-egress';
import { extraRulesPolicy } from './extra-rules';
import { integrationEgressPolicy } from './integration-egress';
import { listenerIngressPolicy } from './listener-ingress';
import { NetworkPolicyModel } from './network-policy-model';

/** Every NetworkPolicy of a cluster, one per concern (none when disabled with a reason). */
export function buildNetworkPolicies(c: ResolvedEmqxCluster): NetworkPolicyModel[] {
  if (c.networkPolicies.disabledReason !== undefined) return [];
  return [
    defaultDenyPolicy(c),
    clusterInternalPolicy(c),
    dnsEgressPolicy(c),
    apiServerEgressPolicy(c),
    integrationEgressPolicy(c),
    listenerIngressPolicy(c),
    dashboardIngressPolicy(c),
    extraRulesPolicy(c),
  ].filter((p): p is NetworkPolicyModel => p !== undefined);
}
