import { EmqxCheck } from './emqx-check';

/**
 * Durable storage (builtin_raft) fixes each DB's replica set when the storage is created; adding or replacing a core
 * later gives it no replicas until the replica sets are updated (emqx-facts §10.9 38–39). EMQX Operator 2.3
 * (apps.emqx.io/v2) does that itself (§10.16 66); the native backend and Operator 2.2 do not.
 */
export const DurableReplicasManual: EmqxCheck = {
  id: 'EMQX-DurableReplicasManual',
  severity: 'warning',
  summary: 'Durable sessions on builtin_raft: after the cores change, the replica sets must be updated by hand.',
  explanation:
    "builtin_raft allocates each shard's replicas when the durable storage is created, on the cores (sites) there are then. A core added later, or a core whose PVC was replaced, holds no replicas until each DB's replica set is changed through the REST API (PUT /api/v5/ds/storages/<db>/replicas with the site ids of GET /api/v5/ds/sites, for every DB of GET /api/v5/ds/storages). Until then the new core serves no shard, and removing an old core can leave shards without their copies (emqx-facts §10.9). EMQX Operator 2.3 (apps.emqx.io/v2) updates the replica sets itself; the native backend and Operator 2.2 do not.",
  fix: "Make the replica-set update part of the runbook for scaling or replacing cores (README, durable storage), or run the cluster with WorkloadBackend.emqxOperator() on Operator 2.3; acknowledge it with where that runbook is.",
  run: ({ cluster }) =>
    cluster.durableSessions?.backend === 'builtin_raft' && cluster.operator?.apiVersion !== 'apps.emqx.io/v2'
      ? [`durableSessions on ${cluster.cores} core(s), replication factor ${cluster.durableSessions.replicationFactor}: ${cluster.operator ? `EMQX Operator ${cluster.operator.apiVersion}` : 'the native backend'} does not update the replica sets when the cores change`]
      : [],
};
