import { NetworkEndpoint } from '../model/authentication';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject } from '../hocon/hocon';
import { ConfigFileMount, ConfigSecret } from './integrations';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from '../model/secret-key-ref';
import { caSource, emqxDuration, hostPort, secretKeyRef, SYSTEM_CA_BUNDLE } from '../validation/validators';
import { topicTemplateSql, validateTopicTemplate } from '../model/topic-template';
import { Size } from '../validation/size';
import { validateTopicFilter } from '../model/topic-filter';

/** Local messages forwarded to the remote broker. */
export interface BridgeEgress {
  /** Local topic filter to forward. */
  readonly localFilter: string;
  /** Literal prefix put in front of the local topic on the remote broker (ends with `/`). */
  readonly remotePrefix: string;
  /**
   * The remote topic built from the local topic's segments instead (`{n}`: the n-th `+`, `{#}`: the trailing
   * `#`), computed by the rule that feeds the bridge.
   * @default - the prefix and the local topic
   */
  readonly remoteTemplate?: string;
  /** QoS of the messages sent to the remote broker. @default 1 */
  readonly qos?: 0 | 1 | 2;
  /** Whether they keep the retain flag. @default false */
  readonly retain?: boolean;
}

/** Remote messages brought into the local broker. */
export interface BridgeIngress {
  /** Remote topic filter to subscribe to (shared across the local nodes, so each message arrives once). */
  readonly remoteFilter: string;
  /** Literal prefix removed from the remote topic to make the local topic. @default '' (keep the topic) */
  readonly stripPrefix?: string;
  /** QoS of the remote subscription. @default 1 */
  readonly qos?: 0 | 1 | 2;
}

/**
 * An MQTT bridge from this cluster to a remote broker (a plant to its hub): TLS with `verify_peer` and
 * SNI, credentials from a Secret, bounded buffers. Rendered in the version's own syntax: before 5.5 one
 * `bridges.mqtt.*` per direction and route (5.5+ refuses to upgrade a bridge holding both); from 5.5
 * `connectors.mqtt` + `actions.mqtt` + `sources.mqtt` and the rules between them.
 */
export interface MqttBridgeSpec {
  /** The bridge name (lowercase letters, digits, `_`). */
  readonly name: string;
  /** The remote broker's `host:port` (its public name: it must match the certificate). */
  readonly server: string;
  /**
   * The CA that signed the remote broker's certificate: a Secret key in this cluster's namespace, or `'system'` for
   * the image's public CA bundle (a broker with a publicly signed certificate, e.g. from ACM at an NLB).
   */
  readonly ca: SecretKeyRef | 'system';
  /** The MQTT user name on the remote broker. */
  readonly username: string;
  /** The password, from a Secret (read through the environment, never in emqx.conf). */
  readonly password: SecretKeyRef;
  /** A stable client id prefix, unique per site (EMQX appends node and connection). */
  readonly clientidPrefix: string;
  /** Local messages forwarded to the remote broker. @default - none */
  readonly egress?: BridgeEgress[];
  /** Remote messages brought into the local broker. @default - none */
  readonly ingress?: BridgeIngress[];
  /**
   * The buffer of each forwarding action while the remote broker is unreachable; when it is full, EMQX
   * drops the OLDEST messages (there is no other drop policy). Each of the action's buffer workers (16) has one.
   * @default - an equal share of a quarter of the smallest node's memory with the cluster's other buffers
   */
  readonly maxBufferBytes?: Size;
  /** How often the connection's health is checked. @default '15s' */
  readonly healthCheckInterval?: string;
  /** Where the remote broker is, for the egress NetworkPolicy. @default - anywhere, on its port only */
  readonly networkPeer?: Peer;
}

const NAME = /^[a-z][a-z0-9_]{0,40}$/;

function checkPrefix(field: string, prefix: string, allowEmpty: boolean): void {
  if (typeof prefix !== 'string' || (!allowEmpty && prefix === '') || (prefix !== '' && !prefix.endsWith('/'))) {
    throw new EmqxSpecError(field, prefix, "must be a literal topic prefix ending with '/'", "e.g. 'hub/plant-east/'");
  }
  if (prefix !== '') validateTopicFilter(field, prefix.slice(0, -1), { wildcards: false });
}

/** Checks a bridge spec, naming the field. */
export function validateMqttBridge(field: string, b: MqttBridgeSpec): void {
  if (typeof b?.name !== 'string' || !NAME.test(b.name) || b.name.includes('__')) throw new EmqxSpecError(`${field}.name`, b?.name, 'is not a valid bridge name', "use lowercase letters, digits and single '_' (e.g. 'hub')");
  hostPort(`${field}.server`, b.server, 'hub.iot.example.com:8883');
  if (typeof b.username !== 'string' || !b.username) throw new EmqxSpecError(`${field}.username`, b.username, 'is required', 'give the user name the remote broker knows');
  secretKeyRef(`${field}.password`, b.password);
  caSource(`${field}.ca`, b.ca);
  if (typeof b.clientidPrefix !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(b.clientidPrefix)) throw new EmqxSpecError(`${field}.clientidPrefix`, b.clientidPrefix, 'is not a client id prefix', "use up to 40 letters, digits, '-' and '_'");
  (b.egress ?? []).forEach((e, i) => {
    validateTopicFilter(`${field}.egress[${i}].localFilter`, e.localFilter);
    if (e.remoteTemplate !== undefined) validateTopicTemplate(`${field}.egress[${i}].remoteTemplate`, e.localFilter, e.remoteTemplate);
    checkPrefix(`${field}.egress[${i}].remotePrefix`, e.remotePrefix, false);
  });
  (b.ingress ?? []).forEach((x, i) => {
    validateTopicFilter(`${field}.ingress[${i}].remoteFilter`, x.remoteFilter);
    const strip = x.stripPrefix ?? '';
    checkPrefix(`${field}.ingress[${i}].stripPrefix`, strip, true);
    if (strip && !x.remoteFilter.startsWith(strip)) {
      throw new EmqxSpecError(`${field}.ingress[${i}].stripPrefix`, strip, `is not a prefix of the remote filter '${x.remoteFilter}', so it could not be removed`, 'use the literal start of the filter');
    }
    if (strip && x.remoteFilter.length === strip.length) throw new EmqxSpecError(`${field}.ingress[${i}].stripPrefix`, strip, 'leaves an empty local topic', 'strip less of the filter');
  });
  if (!(b.egress?.length || b.ingress?.length)) throw new EmqxSpecError(field, b.name, 'forwards nothing', 'give it egress and/or ingress routes');
  if (b.maxBufferBytes !== undefined && !(b.maxBufferBytes instanceof Size)) throw new EmqxSpecError(`${field}.maxBufferBytes`, b.maxBufferBytes, 'is not a Size', 'use e.g. Size.mebibytes(64)');
  if (b.healthCheckInterval !== undefined) emqxDuration(`${field}.healthCheckInterval`, b.healthCheckInterval, { units: ['ms', 's', 'm'] });
}

const CERTS = '/opt/emqx/etc/certs';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rule SQL that republishes ingress messages under their local topic (the prefix removed). */
export function ingressRuleSql(from: string, stripPrefix: string): string {
  const topic = stripPrefix ? `regex_replace(topic, '^${escapeRegex(stripPrefix)}', '')` : 'topic';
  return `SELECT ${topic} AS local_topic, payload, qos FROM "${from}"`;
}

/** The shared-subscription filter every node of this cluster subscribes with (each message arrives once). */
export function sharedIngressFilter(b: MqttBridgeSpec, x: BridgeIngress): string {
  return `$share/${b.clientidPrefix}/${x.remoteFilter}`;
}

/** What bridges add to emqx.conf, and the secrets, files and endpoints they need. */
export interface BridgesConfig {
  readonly config: HoconObject;
  readonly secrets: ConfigSecret[];
  readonly files: ConfigFileMount[];
  readonly endpoints: NetworkEndpoint[];
}

/** The rule-selected field holding a templated remote topic. */
const TEMPLATED_TOPIC = 'remote_topic';

function templatedRuleSql(e: BridgeEgress): string {
  return `SELECT *, ${topicTemplateSql(e.localFilter, e.remoteTemplate!)} AS ${TEMPLATED_TOPIC} FROM "${e.localFilter}"`;
}

/** Renders bridges in the version's layout (see {@link MqttBridgeSpec}). */
export function renderMqttBridges(bridges: MqttBridgeSpec[], version: EmqxVersion): BridgesConfig {
  const bridgesRoot: HoconObject = {};
  const connectors: HoconObject = {};
  const actions: HoconObject = {};
  const sources: HoconObject = {};
  const rules: HoconObject = {};
  const secrets: ConfigSecret[] = [];
  const files: ConfigFileMount[] = [];
  const endpoints: NetworkEndpoint[] = [];
  const v2 = version.dataIntegrationLayout === 'actions-sources';
  for (const b of bridges) {
    const host = b.server.split(':')[0];
    const dir = `${CERTS}/bridge-${b.name.replace(/_/g, '-')}`;
    if (b.ca !== 'system') files.push({ volumeName: `bridge-${b.name.replace(/_/g, '-')}`.slice(0, 63), mountPath: dir, fileName: 'ca.crt', ref: b.ca });
    endpoints.push({ description: `MQTT bridge ${b.name} to ${b.server}`, peer: b.networkPeer ?? Peer.anywhere(), ports: [Number(b.server.split(':')[1])] });
    const connection: HoconObject = {
      enable: true,
      server: b.server,
      proto_ver: 'v4',
      clientid_prefix: b.clientidPrefix,
      username: b.username,
      ssl: { enable: true, verify: 'verify_peer', server_name_indication: host, cacertfile: b.ca === 'system' ? SYSTEM_CA_BUNDLE : `${dir}/ca.crt` },
    };
    const buffer = (b.maxBufferBytes ?? Size.mebibytes(64)).toEmqx();
    const health = b.healthCheckInterval ?? '15s';
    const republish = { function: 'republish', args: { topic: '${local_topic}', qos: '${qos}', retain: false, payload: '${payload}' } };
    if (!v2) {
      // one bridge per direction and route: 5.5+ aborts at boot upgrading a bridge with both
      (b.egress ?? []).forEach((e, i) => {
        const name = `${b.name}_up_${i + 1}`;
        // a templated topic is computed by a rule that feeds the bridge ("mqtt:<name>" as its action)
        const remote = { topic: e.remoteTemplate ? `\${${TEMPLATED_TOPIC}}` : `${e.remotePrefix}\${topic}`, qos: e.qos ?? 1, retain: e.retain ?? false, payload: '${payload}' };
        bridgesRoot[name] = {
          ...connection,
          egress: e.remoteTemplate ? { remote } : { local: { topic: e.localFilter }, remote },
          resource_opts: { health_check_interval: health, max_buffer_bytes: buffer },
        };
        if (e.remoteTemplate) rules[name] = { enable: true, sql: templatedRuleSql(e), actions: [`mqtt:${name}`] };
        secrets.push({ path: `bridges.mqtt.${name}.password`, ref: b.password });
      });
      (b.ingress ?? []).forEach((x, i) => {
        const name = `${b.name}_down_${i + 1}`;
        // no `local`: messages go only to the rule, which strips the prefix and republishes
        bridgesRoot[name] = {
          ...connection,
          ingress: { remote: { topic: sharedIngressFilter(b, x), qos: x.qos ?? 1 } },
          resource_opts: { health_check_interval: health, max_buffer_bytes: buffer },
        };
        secrets.push({ path: `bridges.mqtt.${name}.password`, ref: b.password });
        rules[`${b.name}_down_${i + 1}`] = { enable: true, sql: ingressRuleSql(version.ruleSourceTopic('mqtt', name), x.stripPrefix ?? ''), actions: [republish] };
      });
    } else {
      connectors[b.name] = { ...connection, resource_opts: { health_check_interval: health } };
      secrets.push({ path: `connectors.mqtt.${b.name}.password`, ref: b.password });
      (b.egress ?? []).forEach((e, i) => {
        const name = `${b.name}_up_${i + 1}`;
        actions[name] = {
          enable: true,
          connector: b.name,
          parameters: { topic: e.remoteTemplate ? `\${${TEMPLATED_TOPIC}}` : `${e.remotePrefix}\${topic}`, qos: e.qos ?? 1, retain: e.retain ?? false, payload: '${payload}' },
          resource_opts: { health_check_interval: health, max_buffer_bytes: buffer },
        };
        rules[name] = { enable: true, sql: e.remoteTemplate ? templatedRuleSql(e) : `SELECT * FROM "${e.localFilter}"`, actions: [`mqtt:${name}`] };
      });
      (b.ingress ?? []).forEach((x, i) => {
        const name = `${b.name}_down_${i + 1}`;
        sources[name] = { enable: true, connector: b.name, parameters: { topic: sharedIngressFilter(b, x), qos: x.qos ?? 1 }, resource_opts: { health_check_interval: health } };
        rules[name] = { enable: true, sql: ingressRuleSql(version.ruleSourceTopic('mqtt', name), x.stripPrefix ?? ''), actions: [republish] };
      });
    }
  }
  const config: HoconObject = {};
  if (Object.keys(bridgesRoot).length) config.bridges = { mqtt: bridgesRoot };
  if (Object.keys(connectors).length) config.connectors = { mqtt: connectors };
  if (Object.keys(actions).length) config.actions = { mqtt: actions };
  if (Object.keys(sources).length) config.sources = { mqtt: sources };
  if (Object.keys(rules).length) config.rule_engine = { rules };
  return { config, secrets, files, endpoints };
}
