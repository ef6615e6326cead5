import { quantityValue } from '../spec/quantity';
import { Size } from '../spec/size';
import { EmqxCheck } from './emqx-check';

/** EMQX's per-partition buffer default. */
const DEFAULT_PER_PARTITION = Size.mebibytes(256);

/** A Kafka outage fills the in-memory buffers; beyond the container limit that is an OOM kill. */
export const KafkaBufferExceedsMemory: EmqxCheck = {
  id: 'EMQX-KafkaBufferExceedsMemory',
  severity: 'warning',
  summary: "A Kafka producer's in-memory buffers can outgrow half of a node's memory limit.",
  explanation:
    'When Kafka is unreachable EMQX buffers per partition (256MB each by default, oldest dropped beyond it). In memory or hybrid mode, partitions × per-partition limit beyond the container limit ends in an OOM kill of the node, which disconnects every client on it.',
  fix: "Lower buffer.perPartitionLimit, use buffer.mode 'disk', or raise the memory limit (set expectedPartitions for the check).",
  run: ({ cluster }) => {
    const limits = [cluster.coreResources.limits?.memory, cluster.replicants > 0 ? cluster.replicantResources.limits?.memory : undefined]
      .filter((m): m is string => m !== undefined).map(quantityValue);
    if (!limits.length) return [];
    const smallest = Math.min(...limits);
    return cluster.integrations.kafka
      .filter((k) => (k.buffer?.mode ?? 'memory') !== 'disk')
      .filter((k) => (k.buffer?.perPartitionLimit ?? DEFAULT_PER_PARTITION).toBytes() * (k.expectedPartitions ?? 1) > smallest / 2)
      .map((k) => `${k.name}: ${(k.expectedPartitions ?? 1)} partition(s) × ${(k.buffer?.perPartitionLimit ?? DEFAULT_PER_PARTITION).toEmqx()} against a ${Math.round(smallest / 2 ** 20)}Mi memory limit`);
  },
};
