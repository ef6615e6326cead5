import { EmqxCheck } from './emqx-check';

/** Debug logging of a busy broker is a throughput and disk/ingest cost. */
export const DebugLogLevel: EmqxCheck = {
  id: 'EMQX-DebugLogLevel',
  severity: 'warning',
  summary: 'EMQX logs at debug level.',
  explanation: 'At debug, EMQX logs per-packet events: on a fleet broker that costs CPU, floods the log pipeline and can carry payload data into logs.',
  fix: "Use logLevel 'warning' (default) and raise it per node at runtime (emqx ctl log set-level) while debugging.",
  run: ({ cluster }) => (cluster.logLevel === 'debug' ? ['logLevel = debug'] : []),
};
