import { EmqxSpecError } from '../validation/emqx-spec-error';
import { wholeNumber } from '../validation/spec-numbers';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from '../model/secret-key-ref';
import { allKeys, caSource, hostPort, integrationName, secretKeyRef, SYSTEM_CA_BUNDLE } from '../validation/validators';
import { Size } from '../validation/size';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject } from '../hocon/hocon';
import { caMountFor, ConfigFileMount, enterpriseOnlyBefore59, IntegrationKind } from './integration-kind';
import { MAX_DERIVED_BUFFER } from '../model/buffer-budget';

/** A Kafka producer: the connector (brokers, auth, TLS) and the action (topic, message, delivery). */
export interface KafkaProducerSpec {
  /** Connector/action name, referenced by rules through `Action.kafka(name)`: lowercase letters, digits, `_`. */
  readonly name: string;
  /** `host:port` of the bootstrap brokers. */
  readonly bootstrapHosts: string[];
  /** The Kafka topic. */
  readonly topic: string;
  /** SASL; the password comes from a Secret (through the environment, never in emqx.conf). @default - none */
  readonly sasl?: {
    /** SASL mechanism. */
    readonly mechanism: 'plain' | 'scram_sha_256' | 'scram_sha_512';
    /** SASL username. */
    readonly username: string;
    /** SASL password, from a Secret. */
    readonly password: SecretKeyRef;
  };
  /** TLS to the brokers. With `verify`, give the CA: from a Secret, or `'system'` for public CAs (e.g. a managed Kafka). @default - plaintext */
  readonly tls?: {
    /** Verify the brokers' certificates. @default true */
    readonly verify?: boolean;
    /** The CA bundle to verify against: a Secret key, or `'system'` for the image's public CA bundle. @default - none */
    readonly ca?: SecretKeyRef | 'system';
    /** SNI and the name verified. @default - the broker's host */
    readonly serverName?: string;
  };
  /**
   * Acknowledgement required from Kafka: `all_isr` (every in-sync replica), `leader_only` or `none`.
   * (`all` is Kafka's name, not EMQX's: EMQX rejects it.)
   * @default 'all_isr'
   */
  readonly requiredAcks?: 'all_isr' | 'leader_only' | 'none';
  /** Compression of the message batches. @default - EMQX's default, 'no_compression' */
  readonly compression?: 'no_compression' | 'snappy' | 'gzip';
  /**
   * `key_dispatch` sends every message with the same key to one partition, which keeps per-device order
   * when the key is the device id; `random` spreads load and loses that order.
   * @default 'key_dispatch'
   */
  readonly partitionStrategy?: 'key_dispatch' | 'random';
  /** The message key template. Must not be empty with key_dispatch. @default '${.clientid}' */
  readonly messageKey?: string;
  /** The message value template. @default '${.}' (the whole event as JSON) */
  readonly messageValue?: string;
  /** Buffer: `memory`, `disk` or `hybrid`, and the per-partition limit (oldest messages are dropped beyond it). @default - memory, bounded by the node's memory */
  readonly buffer?: {
    /** Where buffered messages are kept. @default 'memory' */
    readonly mode?: 'memory' | 'disk' | 'hybrid';
    /**
     * Buffer per partition (oldest messages are dropped beyond it).
     * @default - memory/hybrid: an equal share of a quarter of the smallest node's memory with the cluster's other buffers; disk: 256MB
     */
    readonly perPartitionLimit?: Size;
    /** Let EMQX drop buffered messages under memory pressure (memory mode). @default true */
    readonly memoryOverloadProtection?: boolean;
  };
  /** The largest batch sent in one request. @default - EMQX's default, 896KB */
  readonly maxBatchBytes?: Size;
  /** Produce requests in flight per partition. @default - EMQX's default, 10 */
  readonly maxInflight?: number;
  /** Partitions of the topic, for the buffer-memory check (buffers are per partition). @default 1 */
  readonly expectedPartitions?: number;
  /** Where the brokers are, for the egress NetworkPolicy. @default - anywhere, on the brokers' ports only */
  readonly networkPeer?: Peer;
}

const KAFKA_KEYS = allKeys<KafkaProducerSpec>()([
  'name', 'bootstrapHosts', 'topic', 'sasl', 'tls', 'requiredAcks', 'compression', 'partitionStrategy', 'messageKey', 'messageValue',
  'buffer', 'maxBatchBytes', 'maxInflight', 'expectedPartitions', 'networkPeer',
]);

/** Checks a Kafka producer spec, naming the field. */
export function validateKafkaProducer(field: string, k: KafkaProducerSpec): void {
  integrationName(`${field}.name`, k?.name, 'telemetry_raw');
  if (!Array.isArray(k.bootstrapHosts) || k.bootstrapHosts.length === 0) throw new EmqxSpecError(`${field}.bootstrapHosts`, k.bootstrapHosts, 'needs at least one broker', "e.g. ['kafka-0.kafka.svc:9092']");
  k.bootstrapHosts.forEach((h, i) => {
    hostPort(`${field}.bootstrapHosts[${i}]`, h, 'b-1.msk.example.com:9096');
  });
  if (typeof k.topic !== 'string' || !/^[A-Za-z0-9._-]{1,249}$/.test(k.topic)) throw new EmqxSpecError(`${field}.topic`, k.topic, 'is not a Kafka topic name', "use letters, digits, '.', '_' and '-' (e.g. 'plant.vibration.raw')");
  const acks = k.requiredAcks ?? 'all_isr';
  if ((acks as string) === 'all' || (acks as string) === '-1') {
    throw new EmqxSpecError(`${field}.requiredAcks`, acks, "is Kafka's name; EMQX's enum is all_isr | leader_only | none and rejects it at boot", "use 'all_isr' (what Kafka calls acks=all)");
  }
  if (!['all_isr', 'leader_only', 'none'].includes(acks)) throw new EmqxSpecError(`${field}.requiredAcks`, acks, 'is not an EMQX required_acks value', "use 'all_isr', 'leader_only' or 'none'");
  if (k.compression !== undefined && !['no_compression', 'snappy', 'gzip'].includes(k.compression)) {
    throw new EmqxSpecError(`${field}.compression`, k.compression, 'is not a compression EMQX supports', "use 'no_compression', 'snappy' or 'gzip' (EMQX has no lz4/zstd)");
  }
  const strategy = k.partitionStrategy ?? 'key_dispatch';
  if (!['key_dispatch', 'random'].includes(strategy)) throw new EmqxSpecError(`${field}.partitionStrategy`, strategy, 'is not a partition strategy', "use 'key_dispatch' or 'random'");
  const key = k.messageKey ?? '${.clientid}';
  if (strategy === 'key_dispatch' && key.trim() === '') {
    throw new EmqxSpecError(`${field}.messageKey`, key, 'is empty, which EMQX rejects with key_dispatch ("Message key cannot be empty")', "key on the device: '${.clientid}' (the default)");
  }
  if (k.sasl) {
    if (!['plain', 'scram_sha_256', 'scram_sha_512'].includes(k.sasl.mechanism)) throw new EmqxSpecError(`${field}.sasl.mechanism`, k.sasl.mechanism, 'is not a SASL mechanism EMQX supports', "use 'plain', 'scram_sha_256' or 'scram_sha_512'");
    if (typeof k.sasl.username !== 'string' || !k.sasl.username) throw new EmqxSpecError(`${field}.sasl.username`, k.sasl.username, 'is required', 'give the SASL user name');
  }
  if (k.sasl) secretKeyRef(`${field}.sasl.password`, k.sasl.password);
  if (k.tls?.ca !== undefined) caSource(`${field}.tls.ca`, k.tls.ca);
  if (k.tls?.verify !== false && k.tls && !k.tls.ca) {
    throw new EmqxSpecError(`${field}.tls.ca`, undefined, 'verifying the brokers needs the CA that signed them', "set tls.ca: { secretName: 'kafka-ca', key: 'ca.crt' }, tls.ca: 'system' for a publicly signed Kafka, or tls.verify: false (not recommended)");
  }
  const mode = k.buffer?.mode ?? 'memory';
  if (!['memory', 'disk', 'hybrid'].includes(mode)) throw new EmqxSpecError(`${field}.buffer.mode`, mode, 'is not a buffer mode', "use 'memory', 'disk' or 'hybrid'");
  for (const [f, v] of [['buffer.perPartitionLimit', k.buffer?.perPartitionLimit], ['maxBatchBytes', k.maxBatchBytes]] as const) {
    if (v !== undefined && !(v instanceof Size)) throw new EmqxSpecError(`${field}.${f}`, v, 'is not a Size', 'use e.g. Size.mebibytes(256)');
  }
  if (k.maxInflight !== undefined) wholeNumber(`${field}.maxInflight`, k.maxInflight, 1, 'omit it for 10');
}

function kafkaSsl(k: KafkaProducerSpec, mount: ConfigFileMount | undefined): HoconObject | undefined {
  if (!k.tls) return undefined;
  return {
    enable: true,
    verify: k.tls.verify !== false ? 'verify_peer' : 'verify_none',
    cacertfile: k.tls.ca === 'system' ? SYSTEM_CA_BUNDLE : mount ? `${mount.mountPath}/${mount.fileName}` : undefined,
    server_name_indication: k.tls.serverName,
  };
}

function kafkaProducerOptions(k: KafkaProducerSpec): HoconObject {
  return {
    topic: k.topic,
    message: { key: k.messageKey ?? '${.clientid}', value: k.messageValue ?? '${.}' },
    partition_strategy: k.partitionStrategy ?? 'key_dispatch',
    required_acks: k.requiredAcks ?? 'all_isr',
    compression: k.compression,
    max_batch_bytes: k.maxBatchBytes?.toEmqx(),
    max_inflight: k.maxInflight,
    // both explicit: their defaults moved (2GB and false on 5.4.1/5.8.1, 256MB and true on 6.0.1; emqx-facts §5.4)
    buffer: { mode: k.buffer?.mode ?? 'memory', per_partition_limit: (k.buffer?.perPartitionLimit)?.toEmqx(), memory_overload_protection: k.buffer?.memoryOverloadProtection ?? true },
  };
}

/**
 * Kafka producers: `bridges.kafka` before 5.4, `connectors.kafka_producer` + `actions.kafka_producer` from 5.4
 * (emqx-facts §5.1); enterprise only before 5.9, in the one edition from 5.9.
 */
export const kafkaProducerKind: IntegrationKind<KafkaProducerSpec> = {
  kind: 'kafka',
  label: 'Kafka producer',
  keys: KAFKA_KEYS,
  unavailable: enterpriseOnlyBefore59('Kafka'),
  validate: (field, k) => validateKafkaProducer(field, k),
  render: (k, version) => {
    const authentication = k.sasl ? { mechanism: k.sasl.mechanism, username: k.sasl.username } : undefined;
    const mount = k.tls?.ca && k.tls.ca !== 'system' ? caMountFor('kafka', k.name, k.tls.ca) : undefined;
    const connection: HoconObject = { enable: true, bootstrap_hosts: k.bootstrapHosts.join(','), authentication, ssl: kafkaSsl(k, mount) };
    const ports = [...new Set(k.bootstrapHosts.map((h) => Number(h.split(':')[1])))];
    return {
      ...(version.dataIntegrationLayout === 'bridges'
        ? { bridge: { type: 'kafka', body: { ...connection, kafka: kafkaProducerOptions(k) } } }
        : {
          connector: { type: 'kafka_producer', body: connection },
          action: { type: 'kafka_producer', body: { enable: true, connector: k.name, parameters: kafkaProducerOptions(k) } },
        }),
      secrets: k.sasl ? [{ under: 'connector', path: 'authentication.password', ref: k.sasl.password }] : [],
      files: mount ? [mount] : [],
      endpoints: [{ description: `Kafka ${k.name}`, peer: k.networkPeer ?? Peer.anywhere(), ports }],
    };
  },
  actionReference: (k, version: EmqxVersion) => (version.dataIntegrationLayout === 'bridges' ? `kafka:${k.name}` : `kafka_producer:${k.name}`),
  // a disk buffer bounds disk, not memory
  bufferNeed: (k) => (k.buffer?.mode === 'disk' ? undefined : { id: `kafka:${k.name}`, what: `kafka ${k.name}: ${k.expectedPartitions ?? 1} partition(s)`, units: k.expectedPartitions ?? 1, given: k.buffer?.perPartitionLimit }),
  // disk mode without a bound: EMQX 6.0's default, written explicitly (emqx-facts §5.4)
  withBufferBound: (k, bound) => ({ ...k, buffer: { ...k.buffer, perPartitionLimit: bound ?? k.buffer?.perPartitionLimit ?? MAX_DERIVED_BUFFER } }),
};
