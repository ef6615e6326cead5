import { EmqxCheck } from './emqx-check';

/** Replicants depend on cores; fewer than 3 cores make every core a single point for them. */
export const ReplicantsWithFewCores: EmqxCheck = {
  id: 'EMQX-ReplicantsWithFewCores',
  severity: 'warning',
  summary: 'Replicants run against fewer than 3 core nodes.',
  explanation:
    'Replicants replicate the database from cores and cannot accept sessions without one; with 1 or 2 cores a single core restart (an upgrade, a node drain) leaves replicants serving clients on a degraded or absent core set, and scaling cores from 3 to 2 is known to crash replicants with "divergent cluster" (emqx/emqx-operator#629).',
  fix: 'Run at least 3 cores when you run replicants.',
  run: ({ cluster }) => (cluster.replicants > 0 && cluster.cores < 3 ? [`${cluster.replicants} replicants on ${cluster.cores} core(s)`] : []),
};
