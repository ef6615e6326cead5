import { EmqxCheck } from './emqx-check';

/** Anything below all in-sync replicas loses acknowledged messages when a broker fails. */
export const KafkaAcksWeak: EmqxCheck = {
  id: 'EMQX-KafkaAcksWeak',
  severity: 'warning',
  summary: 'A Kafka producer does not wait for all in-sync replicas.',
  explanation: 'With leader_only (or none) a message counts as delivered once the leader has it; if the leader fails before followers copy it, the message is gone although EMQX reported success.',
  fix: "Use requiredAcks: 'all_isr' (the default), or acknowledge for data you can lose.",
  run: ({ cluster }) => cluster.integrations.kafka.filter((k) => (k.requiredAcks ?? 'all_isr') !== 'all_isr').map((k) => `${k.name}: required_acks = ${k.requiredAcks}`),
};
