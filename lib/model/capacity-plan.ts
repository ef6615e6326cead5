import { EmqxSpecError } from '../validation/emqx-spec-error';
import { NodeResources } from './emqx-cluster-spec';
import { Size } from '../validation/size';

/** What a fleet needs from a cluster, for {@link planCapacity}. */
export interface CapacityInput {
  /** Devices connected at once. */
  readonly devices: number;
  /** Messages each device publishes per second (average). */
  readonly messagesPerDevicePerSecond: number;
  /** Average message size. @default Size.bytes(256) */
  readonly messageSize?: Size;
  /** Devices with persistent sessions (clean start false / session expiry > 0). @default 0 */
  readonly persistentSessions?: number;
  /** Messages queued per persistent session while its device is offline. @default 0 */
  readonly queuedMessagesPerSession?: number;
  /** Hours durable storage keeps messages (durable sessions only). @default 0 (no durable storage) */
  readonly retentionHours?: number;
  /** Durable-storage replicas. @default 3 */
  readonly replicationFactor?: number;
  /** Run client connections on replicants (enterprise, or open source before 5.8). @default true */
  readonly useReplicants?: boolean;
}

/** A sizing the cluster spec can take directly (`cores`, `replicants`, resources, storage). */
export interface CapacityPlan {
  /** Core nodes. */
  readonly cores: number;
  /** Replicant nodes. */
  readonly replicants: number;
  /** Resources per core. */
  readonly coreResources: NodeResources;
  /** Resources per replicant. */
  readonly replicantResources: NodeResources;
  /** The core PVC size (durable storage plus headroom for the node's own data). */
  readonly storageSize: string;
  /** How each number was derived. */
  readonly notes: string[];
}

/**
 * The heuristics (documented in docs/CAPACITY.md, deliberately conservative):
 * - CPU for connections: ~100k idle or ~25k active connections per vCPU (active: publishing at least
 *   once a second); for messages: ~20k messages/s in + out per vCPU;
 * - memory: ~8 KB per persistent session plus its queued bytes, ~4 KB per other connection, 1 GiB base
 *   per node, limits at 2× requests;
 * - durable storage on each core: rate × size × retention × replication ÷ cores, plus 50% headroom;
 * - 3 cores (5 beyond 1M devices), client nodes with at most 8 vCPU each, at least 2 replicants.
 */
export function planCapacity(input: CapacityInput): CapacityPlan {
  const { devices, messagesPerDevicePerSecond } = input;
  if (!Number.isFinite(devices) || devices < 1) throw new EmqxSpecError('devices', devices, 'must be at least 1', 'give the number of devices connected at once');
  if (!Number.isFinite(messagesPerDevicePerSecond) || messagesPerDevicePerSecond < 0) throw new EmqxSpecError('messagesPerDevicePerSecond', messagesPerDevicePerSecond, 'must be 0 or more', 'give the average per device');
  const size = (input.messageSize ?? Size.bytes(256)).toBytes();
  const persistent = input.persistentSessions ?? 0;
  const queued = input.queuedMessagesPerSession ?? 0;
  const rf = input.replicationFactor ?? 3;
  const notes: string[] = [];
  const activeShare = Math.min(1, messagesPerDevicePerSecond);
  const connVcpu = (devices * activeShare) / 25_000 + (devices * (1 - activeShare)) / 100_000;
  const msgRate = devices * messagesPerDevicePerSecond;
  const msgVcpu = (msgRate * 2) / 20_000;
  const totalVcpu = Math.max(1, connVcpu + msgVcpu);
  notes.push(`connections: ${devices} devices (${Math.round(activeShare * 100)}% active) ≈ ${connVcpu.toFixed(1)} vCPU; messages: ${msgRate}/s in + out ≈ ${msgVcpu.toFixed(1)} vCPU`);
  const sessionBytes = persistent * (8 * 1024 + queued * size) + (devices - Math.min(devices, persistent)) * 4 * 1024;
  const cores = devices > 1_000_000 ? 5 : 3;
  const useReplicants = input.useReplicants ?? true;
  const replicants = useReplicants ? Math.max(2, Math.ceil(totalVcpu / 8)) : 0;
  const clientNodes = useReplicants ? replicants : cores;
  const cpuPerClientNode = Math.max(1, Math.ceil(totalVcpu / clientNodes));
  const memPerClientNode = 1 + sessionBytes / clientNodes / 2 ** 30;
  const gi = (n: number) => `${Math.ceil(n)}Gi`;
  notes.push(`memory: ${persistent} persistent sessions × (8KB + ${queued} × ${size}B) + other connections × 4KB ≈ ${(sessionBytes / 2 ** 30).toFixed(2)} GiB over ${clientNodes} client nodes`);
  const dsBytes = input.retentionHours ? (msgRate * size * input.retentionHours * 3600 * rf) / cores : 0;
  const storageGi = Math.max(10, Math.ceil((dsBytes * 1.5) / 2 ** 30) + 5);
  if (dsBytes) notes.push(`durable storage: ${msgRate}/s × ${size}B × ${input.retentionHours}h × ${rf} replicas ÷ ${cores} cores × 1.5 ≈ ${storageGi}Gi per core`);
  const clientRes: NodeResources = { requests: { cpu: String(cpuPerClientNode), memory: gi(memPerClientNode) }, limits: { memory: gi(memPerClientNode * 2) } };
  const coreRes: NodeResources = useReplicants
    ? { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } }
    : clientRes;
  notes.push(`${cores} cores${useReplicants ? `, ${replicants} replicants of ${cpuPerClientNode} vCPU` : ` of ${cpuPerClientNode} vCPU serving clients`}`);
  return { cores, replicants, coreResources: coreRes, replicantResources: clientRes, storageSize: `${storageGi}Gi`, notes };
}
