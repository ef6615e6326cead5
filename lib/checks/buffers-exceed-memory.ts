import { bridgeBufferNeeds, heldBytes, smallestClusterNodeMemory } from '../model/buffer-budget';
import { integrationBufferNeeds } from '../integrations/integrations';
import { EmqxCheck } from './emqx-check';

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)}Mi`;

/** While targets are away the buffers fill; all of them together beyond the container limit is an OOM kill. */
export const BuffersExceedMemory: EmqxCheck = {
  id: 'EMQX-BuffersExceedMemory',
  severity: 'warning',
  summary: 'The data-integration buffers a node can fill add up to more than half of its memory.',
  explanation:
    "While a target (Kafka, InfluxDB, a remote broker) is unreachable, EMQX buffers per Kafka partition and per buffer worker of every other action (16 each), dropping the oldest messages beyond each bound (emqx-facts §5.3, §5.4). Filled together beyond the container's memory they end in an OOM kill of the node, which disconnects every client on it. The library bounds every buffer it is not given at an equal share of a quarter of the smallest node's memory; this fires when the bounds add up to more than half.",
  fix: "Lower the bounds you set (buffer.perPartitionLimit, maxBufferBytes) or leave them to the library, use Kafka buffer mode 'disk', or raise the memory limit (set expectedPartitions so Kafka is counted right).",
  run: ({ cluster }) => {
    const memory = smallestClusterNodeMemory(cluster);
    if (memory === undefined) return [];
    // after resolution every buffer has its bound (the user's or the derived one): `given` is that bound
    const held = [...integrationBufferNeeds(cluster.integrations), ...bridgeBufferNeeds(cluster.mqttBridges)].map((n) => ({ ...n, bound: n.given! }));
    const total = heldBytes(held);
    if (total <= memory / 2) return [];
    return [`${held.map((h) => `${h.what} × ${h.bound.toEmqx()}`).join(', ')} = ${mib(total)} against a ${mib(memory)} memory limit`];
  },
};
