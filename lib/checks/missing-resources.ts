import { NodeResources } from '../model/emqx-cluster-spec';
import { EmqxCheck } from './emqx-check';

/** Without requests the scheduler overcommits; without a memory limit a runaway node starves its host. */
export const MissingResources: EmqxCheck = {
  id: 'EMQX-MissingResources',
  severity: 'warning',
  summary: 'A node role has no CPU/memory request or no memory limit.',
  explanation:
    'Without requests, EMQX pods land on nodes that cannot hold a reconnect storm; without a memory limit, a node that buffers for a slow subscriber eats the host\'s memory and the kernel kills neighbours instead of EMQX.',
  fix: 'Set coreResources / replicantResources with requests (cpu, memory) and a memory limit (the library\'s defaults do).',
  run: ({ cluster }) => {
    const out: string[] = [];
    const roles: [string, NodeResources, boolean][] = [['core', cluster.coreResources, true], ['replicant', cluster.replicantResources, cluster.replicants > 0]];
    for (const [role, r, used] of roles) {
      if (!used) continue;
      if (!r.requests?.cpu || !r.requests?.memory) out.push(`${role}: requests.cpu and requests.memory must both be set`);
      if (!r.limits?.memory) out.push(`${role}: no limits.memory`);
    }
    return out;
  },
};
