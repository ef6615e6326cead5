import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { BACKUP_POD_NAME_LABEL } from '../model/backup-spec';
import { PolicyPeer } from './network-peer';
import { NetworkPolicyModel, tcp } from './network-policy-model';

/** The dashboard / REST API / metrics port from the declared operator and monitoring peers (and the EMQX Operator's controller) only (kubelet probes come from the node, which policies never block). */
export function dashboardIngressPolicy(c: ResolvedEmqxCluster): NetworkPolicyModel | undefined {
  // the EMQX Operator's controller drives the nodes through their REST API
  const from = [...(c.operator ? [c.operator.controllerPeer] : []), ...c.networkPolicies.dashboardFrom];
  // the backup job calls the REST API (its pods carry another app name, so EMQX's policies do not isolate them)
  const backup: PolicyPeer[] = c.backup ? [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': BACKUP_POD_NAME_LABEL, 'app.kubernetes.io/instance': c.name } } }] : [];
  if (!from.length && !backup.length) return undefined;
  return {
    name: `${c.name}-dashboard`,
    purpose: `dashboard, REST API and metrics (${c.ports.dashboard}) from ${[...from.map((p) => p.description), ...(backup.length ? ['the backup job'] : [])].join(', ')}`,
    podSelector: new ClusterLabels(c).cluster,
    policyTypes: ['Ingress'],
    ingress: [{ peers: [...from.flatMap((p) => p.peers), ...backup], ports: tcp(c.ports.dashboard) }],
  };
}
