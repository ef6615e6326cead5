import { SYSTEM_CA_BUNDLE } from '../validation/validators';
import { NetworkEndpoint } from '../model/authentication';
import { EmqxEdition } from '../versions/emqx-edition';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject, HoconValue } from '../hocon/hocon';
import { InfluxDbSpec, validateInfluxDb } from './influxdb-sink';
import { KafkaProducerSpec, validateKafkaProducer } from './kafka-producer';
import { Peer } from '../network/network-peer';
import { RuleAction, RuleSpec, validateRule } from './rule-spec';
import { SecretKeyRef } from '../model/secret-key-ref';

/** Data integrations: Kafka producers, InfluxDB writers and the rules that feed them. */
export interface IntegrationsSpec {
  /** Kafka producers. @default - none */
  readonly kafka?: KafkaProducerSpec[];
  /** InfluxDB sinks. @default - none */
  readonly influxdb?: InfluxDbSpec[];
  /** Rules that route messages to the integrations. @default - none */
  readonly rules?: RuleSpec[];
}

/** Integrations after validation against the version and edition. */
export interface ResolvedIntegrations {
  /** Kafka producers. */
  readonly kafka: KafkaProducerSpec[];
  /** InfluxDB sinks. */
  readonly influxdb: InfluxDbSpec[];
  /** Rules. */
  readonly rules: RuleSpec[];
}

/** A Secret value EMQX reads from an `EMQX_<PATH>` environment variable (never written to emqx.conf). */
export interface ConfigSecret {
  /** The config path, e.g. `connectors.kafka_producer.raw.authentication.password`. */
  readonly path: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** A Secret key mounted as a file the config names (CA bundles). */
export interface ConfigFileMount {
  /** The pod volume. */
  readonly volumeName: string;
  /** Where it is mounted (a directory). */
  readonly mountPath: string;
  /** The file name the config names. */
  readonly fileName: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** An egress destination the config talks to. */
export type ConfigEndpoint = NetworkEndpoint;

/** The environment variable EMQX reads for a config path (`a.b_c.d` → `EMQX_A__B_C__D`). */
export function envVarForPath(path: string): string {
  return `EMQX_${path.split('.').map((p) => p.toUpperCase()).join('__')}`;
}

/** Integrations need the enterprise edition before 5.9 (Kafka and InfluxDB were enterprise features). */
function hasIntegrations(version: EmqxVersion, edition: EmqxEdition): boolean {
  return version.hasIntegrations(edition);
}

/** Validates integrations for a version and edition; cross-references rules to sinks. */
export function resolveIntegrations(spec: IntegrationsSpec | undefined, version: EmqxVersion, edition: EmqxEdition): ResolvedIntegrations {
  const kafka = spec?.kafka ?? [];
  const influxdb = spec?.influxdb ?? [];
  const rules = spec?.rules ?? [];
  const names = new Set<string>();
  const unique = (field: string, name: string) => {
    if (names.has(name)) throw new EmqxSpecError(field, name, 'is used by two integrations', 'give each Kafka producer and InfluxDB writer its own name');
    if (/__/.test(name)) throw new EmqxSpecError(field, name, "contains '__', which EMQX's environment overrides read as a path separator", "use single '_'");
    names.add(name);
  };
  kafka.forEach((k, i) => {
    validateKafkaProducer(`integrations.kafka[${i}]`, k);
    unique(`integrations.kafka[${i}].name`, k.name);
    if (!hasIntegrations(version, edition)) {
      throw new EmqxSpecError(`integrations.kafka[${i}]`, k.name, `open-source EMQX ${version} has no Kafka integration (enterprise only before 5.9)`, 'use edition: EmqxEdition.ENTERPRISE, or EMQX 5.9 or newer');
    }
  });
  influxdb.forEach((s, i) => {
    validateInfluxDb(`integrations.influxdb[${i}]`, s);
    unique(`integrations.influxdb[${i}].name`, s.name);
    if (!hasIntegrations(version, edition)) {
      throw new EmqxSpecError(`integrations.influxdb[${i}]`, s.name, `open-source EMQX ${version} has no InfluxDB integration (enterprise only before 5.9)`, 'use edition: EmqxEdition.ENTERPRISE, or EMQX 5.9 or newer');
    }
  });
  const ruleIds = new Set<string>();
  rules.forEach((r, i) => {
    validateRule(`integrations.rules[${i}]`, r);
    if (ruleIds.has(r.id)) throw new EmqxSpecError(`integrations.rules[${i}].id`, r.id, 'is used twice', 'give each rule its own id');
    ruleIds.add(r.id);
    r.actions.forEach((a, j) => {
      if (a.kind === 'kafka' && !kafka.some((k) => k.name === a.name)) {
        throw new EmqxSpecError(`integrations.rules[${i}].actions[${j}]`, a.name, 'names no Kafka producer in integrations.kafka', `declare it, or use one of: ${kafka.map((k) => k.name).join(', ') || '(none)'}`);
      }
      if (a.kind === 'influxdb' && !influxdb.some((s) => s.name === a.name)) {
        throw new EmqxSpecError(`integrations.rules[${i}].actions[${j}]`, a.name, 'names no InfluxDB writer in integrations.influxdb', `declare it, or use one of: ${influxdb.map((s) => s.name).join(', ') || '(none)'}`);
      }
    });
  });
  return { kafka, influxdb, rules };
}

const CERTS = '/opt/emqx/etc/certs';

function kafkaSsl(k: KafkaProducerSpec): HoconObject | undefined {
  if (!k.tls) return undefined;
  const verify = k.tls.verify !== false;
  return {
    enable: true,
    verify: verify ? 'verify_peer' : 'verify_none',
    cacertfile: k.tls.ca === 'system' ? SYSTEM_CA_BUNDLE : k.tls.ca ? `${CERTS}/kafka-${k.name.replace(/_/g, '-')}/ca.crt` : undefined,
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

/** The rule-action reference of a sink, in the version's syntax. */
export function actionReference(a: RuleAction, version: EmqxVersion, integrations: ResolvedIntegrations): HoconValue {
  switch (a.kind) {
    case 'kafka':
      return version.dataIntegrationLayout === 'bridges' ? `kafka:${a.name}` : `kafka_producer:${a.name}`;
    case 'influxdb': {
      if (version.dataIntegrationLayout === 'actions-sources') return `influxdb:${a.name}`;
      const s = integrations.influxdb.find((x) => x.name === a.name)!;
      return `${s.v2 ? 'influxdb_api_v2' : 'influxdb_api_v1'}:${a.name}`;
    }
    case 'republish':
      return { function: 'republish', args: { topic: a.topic, qos: a.qos ?? '${qos}', retain: a.retain ?? '${flags.retain}', payload: a.payload ?? '${payload}' } };
    case 'console':
      return { function: 'console' };
  }
}

/** What the integrations add to emqx.conf, plus the secrets and files they read. */
export interface IntegrationsConfig {
  readonly config: HoconObject;
  readonly secrets: ConfigSecret[];
  readonly files: ConfigFileMount[];
  readonly endpoints: ConfigEndpoint[];
}

/**
 * Renders the integrations in the version's layout: `bridges.kafka` / `bridges.influxdb_api_v2` before
 * 5.4; `connectors` + `actions` for Kafka from 5.4; InfluxDB as connector + action from 5.5 (a bridge in
 * 5.4); rules under `rule_engine.rules` referring to them by the version's action reference.
 */
export function renderIntegrations(i: ResolvedIntegrations, version: EmqxVersion): IntegrationsConfig {
  const bridges: HoconObject = {};
  const connectors: HoconObject = {};
  const actions: HoconObject = {};
  const secrets: ConfigSecret[] = [];
  const files: ConfigFileMount[] = [];
  const endpoints: ConfigEndpoint[] = [];
  const layout = version.dataIntegrationLayout;
  const put = (root: HoconObject, type: string, name: string, body: HoconObject) => {
    root[type] = { ...((root[type] as HoconObject) ?? {}), [name]: body };
  };
  for (const k of i.kafka) {
    const authentication = k.sasl ? { mechanism: k.sasl.mechanism, username: k.sasl.username } : undefined;
    const connection: HoconObject = { enable: true, bootstrap_hosts: k.bootstrapHosts.join(','), authentication, ssl: kafkaSsl(k) };
    let base: string;
    if (layout === 'bridges') {
      put(bridges, 'kafka', k.name, { ...connection, kafka: kafkaProducerOptions(k) });
      base = `bridges.kafka.${k.name}`;
    } else {
      put(connectors, 'kafka_producer', k.name, connection);
      put(actions, 'kafka_producer', k.name, { enable: true, connector: k.name, parameters: kafkaProducerOptions(k) });
      base = `connectors.kafka_producer.${k.name}`;
    }
    if (k.sasl) secrets.push({ path: `${base}.authentication.password`, ref: k.sasl.password });
    if (k.tls?.ca && k.tls.ca !== 'system') files.push({ volumeName: `kafka-${k.name.replace(/_/g, '-')}`.slice(0, 63), mountPath: `${CERTS}/kafka-${k.name.replace(/_/g, '-')}`, fileName: 'ca.crt', ref: k.tls.ca });
    const ports = [...new Set(k.bootstrapHosts.map((h) => Number(h.split(':')[1])))];
    endpoints.push({ description: `Kafka ${k.name}`, peer: k.networkPeer ?? Peer.anywhere(), ports });
  }
  for (const s of i.influxdb) {
    const type = s.v2 ? 'influxdb_api_v2' : 'influxdb_api_v1';
    const credentials: HoconObject = s.v2 ? { bucket: s.v2.bucket, org: s.v2.org } : { database: s.v1!.database, username: s.v1!.username };
    const secretKey = s.v2 ? 'token' : 'password';
    const ref = s.v2 ? s.v2.token : s.v1!.password;
    // TLS verifies the server (before, `tls: true` wrote only enable = true, and EMQX's client default is verify_none)
    const tls = s.tls === true ? {} : s.tls || undefined;
    const caDir = `${CERTS}/influxdb-${s.name.replace(/_/g, '-')}`;
    const ssl = tls ? {
      enable: true,
      verify: tls.verify === false ? 'verify_none' : 'verify_peer',
      cacertfile: (tls.ca ?? 'system') === 'system' ? SYSTEM_CA_BUNDLE : `${caDir}/ca.crt`,
      server_name_indication: tls.serverName ?? s.server.split(':')[0],
    } : undefined;
    if (tls?.ca && tls.ca !== 'system') files.push({ volumeName: `influxdb-${s.name.replace(/_/g, '-')}`.slice(0, 63), mountPath: caDir, fileName: 'ca.crt', ref: tls.ca });
    if (layout === 'actions-sources') {
      put(connectors, 'influxdb', s.name, { enable: true, server: s.server, ssl, parameters: { influxdb_type: type, ...credentials } });
      put(actions, 'influxdb', s.name, { enable: true, connector: s.name, parameters: { write_syntax: s.writeSyntax, precision: s.precision ?? 'ms' }, resource_opts: { max_buffer_bytes: s.maxBufferBytes?.toEmqx() } });
      secrets.push({ path: `connectors.influxdb.${s.name}.parameters.${secretKey}`, ref });
    } else {
      put(bridges, type, s.name, { enable: true, server: s.server, ...credentials, precision: s.precision ?? 'ms', write_syntax: s.writeSyntax, ssl, resource_opts: { max_buffer_bytes: s.maxBufferBytes?.toEmqx() } });
      secrets.push({ path: `bridges.${type}.${s.name}.${secretKey}`, ref });
    }
    endpoints.push({ description: `InfluxDB ${s.name}`, peer: s.networkPeer ?? Peer.anywhere(), ports: [Number(s.server.split(':')[1])] });
  }
  const rules: HoconObject = {};
  for (const r of i.rules) {
    rules[r.id] = { enable: true, sql: r.sql, actions: r.actions.map((a) => actionReference(a, version, i)), description: r.description };
  }
  const config: HoconObject = {};
  if (Object.keys(bridges).length) config.bridges = bridges;
  if (Object.keys(connectors).length) config.connectors = connectors;
  if (Object.keys(actions).length) config.actions = actions;
  if (Object.keys(rules).length) config.rule_engine = { rules };
  return { config, secrets, files, endpoints };
}
