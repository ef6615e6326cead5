// What a node may hold in data-integration buffers while their targets are away, and how that is shared.
// Every buffer the library renders gets an explicit bound: the user's, or a share of this budget. EMQX's
// own defaults differ between releases (Kafka `per_partition_limit` 2GB on 5.4.1/5.8.1, 256MB on 6.0.1;
// schema dumps ee-5.4.1/ee-5.8.1 and emqx-facts §5.4) and are per buffer worker or per partition, so the
// same spec held very different amounts per release; here it is a fixed share of the pod's memory.
import { quantityValue } from '../validation/quantity';
import type { MqttBridgeSpec } from '../integrations/mqtt-bridge';
import { Size } from '../validation/size';

/** The share of the smallest node memory (limit, else request) that buffers may fill together. */
export const BUFFER_MEMORY_SHARE = 0.25;
/** Buffer workers of an emqx_resource action (`worker_pool_size` default 16; emqx-facts §5.3): each has its own buffer. */
export const EMQX_BUFFER_WORKERS = 16;
/** The largest derived bound: EMQX's per-worker `max_buffer_bytes` and 6.0's per-partition Kafka default (256MB). */
export const MAX_DERIVED_BUFFER = Size.mebibytes(256);
/** The smallest derived bound. */
export const MIN_DERIVED_BUFFER = Size.mebibytes(1);

/** One buffer to bound: `units` copies of the bound are held at once (partitions, or buffer workers × actions). */
export interface BufferNeed {
  /** `kafka:<name>`, `influxdb:<name>`, `bridge:<name>`. */
  readonly id: string;
  /** What holds it, for messages (`kafka raw: 12 partition(s)`). */
  readonly what: string;
  /** How many times the bound is held on one node. */
  readonly units: number;
  /** The bound the user gave, when given. */
  readonly given?: Size;
}

/**
 * The memory buffers of a cluster's MQTT bridges: per worker of each forwarding action. `given` is each one's
 * current bound. (Each integration kind states its own: `IntegrationKind.bufferNeed`, e.g. Kafka per partition.)
 */
export function bridgeBufferNeeds(bridges: readonly MqttBridgeSpec[]): BufferNeed[] {
  return [
    ...bridges.filter((b) => b.egress?.length).map((b) => ({ id: `bridge:${b.name}`, what: `bridge ${b.name}: ${b.egress!.length} action(s) × ${EMQX_BUFFER_WORKERS} worker(s)`, units: EMQX_BUFFER_WORKERS * b.egress!.length, given: b.maxBufferBytes })),
  ];
}

/** The memory of the smallest node of the cluster (its limit, else its request), in bytes; undefined when none is set. */
export function smallestNodeMemory(roles: { readonly limits?: { readonly memory?: string }; readonly requests?: { readonly memory?: string } }[]): number | undefined {
  const sizes = roles.map((r) => r.limits?.memory ?? r.requests?.memory).filter((m): m is string => m !== undefined).map(quantityValue);
  return sizes.length ? Math.min(...sizes) : undefined;
}

type RoleResources = { readonly limits?: { readonly memory?: string }; readonly requests?: { readonly memory?: string } };

/** The smallest memory of the nodes a cluster runs (replicants count only when there are any). */
export function smallestClusterNodeMemory(c: { readonly coreResources: RoleResources; readonly replicantResources: RoleResources; readonly replicants: number }): number | undefined {
  return smallestNodeMemory(c.replicants > 0 ? [c.coreResources, c.replicantResources] : [c.coreResources]);
}

/** Bytes a node may hold for these buffers at their bounds. */
export function heldBytes(needs: readonly (BufferNeed & { readonly bound: Size })[]): number {
  return needs.reduce((sum, n) => sum + n.units * n.bound.toBytes(), 0);
}

/**
 * The bound of every buffer: the user's, else an equal share of what the budget leaves after the given ones,
 * divided by the buffer's units, in whole MiB between {@link MIN_DERIVED_BUFFER} and {@link MAX_DERIVED_BUFFER}.
 */
export function planBuffers(memoryBytes: number | undefined, needs: readonly BufferNeed[]): Map<string, Size> {
  const out = new Map<string, Size>();
  const budget = (memoryBytes ?? 0) * BUFFER_MEMORY_SHARE;
  const given = needs.filter((n) => n.given !== undefined);
  const open = needs.filter((n) => n.given === undefined);
  for (const n of given) out.set(n.id, n.given!);
  const left = Math.max(0, budget - given.reduce((s, n) => s + n.units * n.given!.toBytes(), 0));
  for (const n of open) {
    const mib = memoryBytes === undefined ? MAX_DERIVED_BUFFER.toBytes() / 2 ** 20 : Math.floor(left / open.length / n.units / 2 ** 20);
    out.set(n.id, Size.mebibytes(Math.min(MAX_DERIVED_BUFFER.toBytes() / 2 ** 20, Math.max(MIN_DERIVED_BUFFER.toBytes() / 2 ** 20, mib))));
  }
  return out;
}
