import { EmqxCheck } from './emqx-check';
import { ref, workloads } from './manifest-queries';

/** Durable sessions on ephemeral storage are lost with the pod. */
export const DurableSessionsWithoutPvc: EmqxCheck = {
  id: 'EMQX-DurableSessionsWithoutPvc',
  severity: 'error',
  summary: 'Durable sessions are on, but the core nodes have no persistent volume.',
  explanation: 'Durable storage lives in /opt/emqx/data; on an emptyDir a rescheduled core loses its shards and the sessions and queued messages with them.',
  fix: 'Keep the core StatefulSet\'s volumeClaimTemplate `data` (with the EMQX Operator, coreTemplate.spec.volumeClaimTemplates); the library renders it; do not patch it out.',
  run: ({ cluster, objects }) => {
    if (!cluster.durableSessions) return [];
    // the core StatefulSet, or the EMQX Operator's core template
    return workloads(objects)
      .filter((o) => (o.kind === 'StatefulSet' || o.metadata.name.endsWith(' coreTemplate')) && !(o.spec?.volumeClaimTemplates ?? []).some((t: any) => t.metadata?.name === 'data'))
      .map((o) => ref(o));
  },
};
