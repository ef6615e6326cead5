import { EmqxEdition } from '../versions/emqx-edition';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { wholeNumber } from '../validation/spec-numbers';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject } from '../hocon/hocon';

/** Durable (disk-backed) MQTT sessions and the storage behind them. */
export interface DurableSessionsSpec {
  /** Copies of each message shard (enterprise `builtin_raft`), at most the number of cores. @default - min(3, cores) */
  readonly replicationFactor?: number;
  /** Message storage shards. @default 16 (EMQX's default) */
  readonly nShards?: number;
}

/** Durable sessions after defaults. */
export interface ResolvedDurableSessions {
  /** `builtin_raft` (replicated, enterprise) or `builtin_local` (one node). */
  readonly backend: 'builtin_raft' | 'builtin_local';
  /** Copies of each shard (builtin_raft). */
  readonly replicationFactor?: number;
  /** Number of shards. */
  readonly nShards: number;
  /** Number of sites (cores) the storage expects. */
  readonly nSites: number;
}

/**
 * Checks durable sessions against the version, edition and topology. The library renders them from
 * 5.8 (5.4–5.6 called the root `session_persistence`, 5.7 used a `builtin` backend whose data 5.8
 * could not read: emqx/emqx#14039; such clusters are rebuilt, not upgraded).
 */
export function resolveDurableSessions(
  spec: DurableSessionsSpec | undefined,
  ctx: { version: EmqxVersion; edition: EmqxEdition; cores: number; replicants: number; singleton: boolean },
): ResolvedDurableSessions | undefined {
  if (spec === undefined) return undefined;
  const { version, edition, cores, replicants } = ctx;
  if (!version.hasDurableSessions) {
    throw new EmqxSpecError('durableSessions', version.version, `the library renders durable sessions from EMQX 5.8 (5.4–5.6 had the experimental session_persistence root, and 5.7's builtin storage was not readable by 5.8, emqx/emqx#14039)`, 'use EMQX 5.8 or newer, or remove durableSessions');
  }
  const nShards = spec.nShards ?? 16;
  if (!Number.isInteger(nShards) || nShards < 1 || nShards > 1024) throw new EmqxSpecError('durableSessions.nShards', nShards, 'must be a whole number from 1 to 1024', 'omit it for 16');
  if (!edition.isEnterprise) {
    if (cores + replicants > 1 || !ctx.singleton) {
      throw new EmqxSpecError('durableSessions', `${cores} cores + ${replicants} replicants`,
        "open-source durable sessions use the builtin_local backend, which EMQX 5.8 accepts only with cluster.discovery_strategy = singleton (one node): \"cluster discovery strategy must be 'singleton' when durable storage backend is 'builtin_local'\"",
        'use edition: EmqxEdition.ENTERPRISE (builtin_raft replicates across cores), or one core with discovery: Discovery.singleton()');
    }
    if (spec.replicationFactor !== undefined) {
      throw new EmqxSpecError('durableSessions.replicationFactor', spec.replicationFactor, 'is not a field of the builtin_local backend (EMQX rejects it as unknown)', 'remove it (open source stores one copy)');
    }
    return { backend: 'builtin_local', nShards, nSites: 1 };
  }
  const rf = spec.replicationFactor ?? Math.min(3, cores);
  wholeNumber('durableSessions.replicationFactor', rf, 1, 'use e.g. 3');
  // above the core count EMQX gives each shard min(online sites, replication_factor) replicas: fewer copies than
  // asked, not a blocked storage (emqx_ds_builtin_raft_meta.erl compute_allocation/3; emqx-facts §10.9.38), so it
  // is the warning check EMQX-DurableReplicationAboveCores, not a refusal
  return { backend: 'builtin_raft', replicationFactor: rf, nShards, nSites: cores };
}

/** The `durable_sessions` and `durable_storage` roots in the version's layout. */
export function durableSessionsSections(ds: ResolvedDurableSessions | undefined, version: EmqxVersion): HoconObject {
  if (!ds) return {};
  const messages: HoconObject = { backend: ds.backend, n_shards: ds.nShards };
  if (ds.backend === 'builtin_raft') messages.replication_factor = ds.replicationFactor;
  if (version.durableStorageLayout === '6.0') {
    // 6.0 moved n_sites to durable_storage itself (emqx_ds_schema.erl@e6.0.1), and the sessions' state lives in DBs of
    // its own (sessions, timers, shared_subs), each with its own replication factor, default 3 (facts §10.9 36, 38):
    // the spec's factor is written for each, so the sessions are as durable as the messages
    const raft = ds.backend === 'builtin_raft';
    const replicated = raft ? { replication_factor: ds.replicationFactor } : undefined;
    return {
      durable_sessions: { enable: true },
      durable_storage: { n_sites: raft ? ds.nSites : undefined, messages, sessions: replicated, timers: replicated, shared_subs: replicated },
    };
  }
  if (ds.backend === 'builtin_raft') messages.n_sites = ds.nSites;
  return { durable_sessions: { enable: true }, durable_storage: { messages } };
}
