import { EmqxCheck } from './emqx-check';

/** Random partitioning loses per-device order. */
export const KafkaUnorderedPartitioning: EmqxCheck = {
  id: 'EMQX-KafkaUnorderedPartitioning',
  severity: 'warning',
  summary: 'A Kafka producer spreads messages over partitions at random.',
  explanation: 'Kafka orders messages only within a partition; random partitioning lets consumers see one machine\'s readings out of order (a later alarm-clear before the alarm).',
  fix: "Use partitionStrategy: 'key_dispatch' with the device id as key (the default), or acknowledge when order does not matter.",
  run: ({ cluster }) => cluster.integrations.kafka.filter((k) => k.partitionStrategy === 'random').map((k) => `${k.name}: partition_strategy = random`),
};
