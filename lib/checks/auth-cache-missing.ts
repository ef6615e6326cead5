import { durationSeconds } from '../validation/validators';
import { EmqxCheck } from './emqx-check';

/** Without a node cache, a reconnect storm becomes an authentication-service storm. */
export const AuthCacheMissing: EmqxCheck = {
  id: 'EMQX-AuthCacheMissing',
  severity: 'warning',
  summary: 'HTTP authentication runs without the node cache (or with a very short TTL) on EMQX 5.9+.',
  explanation:
    'After an NLB or node event, the whole fleet reconnects within seconds and every CONNECT calls the auth service; without authentication_settings.node_cache (5.9+) the service falls over and the storm never ends. A TTL under 30 s barely helps.',
  fix: "Set authenticationCache: { ttl: '5m' } (or longer, as revocation latency allows).",
  run: ({ cluster }) => {
    if (!cluster.version.hasAuthNodeCaches) return [];
    const http = [...cluster.authentication, ...cluster.listeners.flatMap((l) => l.authentication)].some((a) => a.kind === 'http');
    if (!http) return [];
    const ttl = cluster.authenticationCache?.ttl;
    if (!ttl) return ['authenticationCache not set'];
    return durationSeconds(ttl) < 30 ? [`authenticationCache.ttl = ${ttl}`] : [];
  },
};
