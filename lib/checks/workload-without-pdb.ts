import { EmqxCheck } from './emqx-check';
import { ref, selects, workloads } from './manifest-queries';

/** Without a PodDisruptionBudget a node drain may evict every core at once. */
export const WorkloadWithoutPdb: EmqxCheck = {
  id: 'EMQX-WorkloadWithoutPdb',
  severity: 'error',
  summary: 'An EMQX workload has no PodDisruptionBudget selecting its pods.',
  explanation:
    'Cluster upgrades drain nodes; without a PDB the eviction API may take several cores (or all replicants) down together, which loses the core majority and disconnects every client. Restarts must go one node at a time (emqx/emqx#11593).',
  fix: 'Keep the PodDisruptionBudgets the library renders (<name>-core, <name>-replicant; with the EMQX Operator, the templates\' maxUnavailable); do not remove them with escape hatches.',
  run: ({ objects }) => {
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    return workloads(objects)
      // the EMQX Operator makes the PDB of a template that sets maxUnavailable or minAvailable
      .filter((w) => w.spec?.operatorPdb === undefined && !pdbs.some((p) => selects(p.spec?.selector, w.spec?.template?.metadata?.labels)))
      .map((w) => ref(w));
  },
};
