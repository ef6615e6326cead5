import { durationSeconds } from '../validation/validators';
import { EmqxCheck } from './emqx-check';

/** A long auth timeout holds connection slots while the service is down. */
export const HttpAuthSlowTimeout: EmqxCheck = {
  id: 'EMQX-HttpAuthSlowTimeout',
  severity: 'warning',
  summary: 'HTTP authentication waits more than 10 s for the auth service.',
  explanation: 'Each pending CONNECT holds a connection process and an HTTP pool slot; a slow or dead auth service with a long timeout piles up thousands of half-open clients that retry on top.',
  fix: "Keep requestTimeout at a few seconds (default '5s').",
  run: ({ cluster }) =>
    [...cluster.authentication, ...cluster.listeners.flatMap((l) => l.authentication)]
      .filter((a) => a.kind === 'http')
      .map((a) => String(a.config.request_timeout))
      .filter((t) => durationSeconds(t) > 10)
      .map((t) => `request_timeout = ${t}`),
};
