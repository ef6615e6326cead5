import { EmqxCheck } from './emqx-check';

/** An even number of cores buys no extra failure tolerance and leaves equal halves after a split. */
export const CoreCountEven: EmqxCheck = {
  id: 'EMQX-CoreCountEven',
  severity: 'warning',
  summary: 'The cluster has an even number of core nodes.',
  explanation:
    'Wherever a majority decides (autoheal after a network partition, builtin_raft durable storage), 2k cores tolerate no more failures than 2k-1, and a split into equal halves has no majority to heal from (emqx/emqx#11593, #3664; the EMQX operator issues #1141 and #629 ask for odd core counts).',
  fix: 'Run an odd number of cores (3 or 5) and scale client capacity with replicants.',
  run: ({ cluster }) => (cluster.cores % 2 === 0 ? [`cores = ${cluster.cores}`] : []),
};
