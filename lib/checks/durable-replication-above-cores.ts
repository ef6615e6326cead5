import { EmqxCheck } from './emqx-check';

/** A durable-storage replication factor above the core count gives fewer copies than asked. */
export const DurableReplicationAboveCores: EmqxCheck = {
  id: 'EMQX-DurableReplicationAboveCores',
  severity: 'warning',
  summary: 'The durable-storage replication factor is above the number of cores: each shard keeps fewer copies than asked.',
  explanation:
    'builtin_raft gives each shard min(online sites, replication_factor) replicas, and every core is one site (emqx_ds_builtin_raft_meta.erl compute_allocation/3). With more replicas asked than cores the storage works, with as many copies as there are cores, so the durability you asked for is not there. Replication is fixed when the storage is created; adding cores later needs a replica-set update (REST PUT /api/v5/ds/storages/:db/replicas).',
  fix: 'Ask for at most as many replicas as cores, or run more cores before the storage is created.',
  run: ({ cluster }) => {
    const ds = cluster.durableSessions;
    return ds?.backend === 'builtin_raft' && ds.replicationFactor !== undefined && ds.replicationFactor > cluster.cores
      ? [`durableSessions.replicationFactor = ${ds.replicationFactor} with ${cluster.cores} cores: each shard keeps ${cluster.cores} copies`]
      : [];
  },
};
