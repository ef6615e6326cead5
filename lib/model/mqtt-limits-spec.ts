import { EmqxSpecError } from '../validation/emqx-spec-error';
import { HoconObject } from '../hocon/hocon';
import { Size } from '../validation/size';
import { allKeys, emqxDuration, knownKeys } from '../validation/validators';

/** Cluster-wide MQTT protocol limits (`mqtt.*`). Only what you set is written; EMQX defaults apply otherwise. */
export interface MqttLimitsSpec {
  /**
   * The largest MQTT packet accepted (`mqtt.max_packet_size`). Raise it only for payloads you know,
   * such as firmware images; every byte of it is buffered per connection.
   * @default - EMQX's default, 1MB
   */
  readonly maxPacketSize?: Size;
  /** The longest client id accepted (`mqtt.max_clientid_len`), 23 to 65535. @default - EMQX's default, 65535 */
  readonly maxClientIdLength?: number;
  /**
   * How many keepalive intervals EMQX waits before it drops a silent client (`mqtt.keepalive_multiplier`).
   * @default - EMQX's default, 1.5
   */
  readonly keepaliveMultiplier?: number;
  /**
   * The keepalive EMQX imposes on MQTT 5 clients (`mqtt.server_keepalive`, sent in CONNACK); MQTT 3.1.1
   * clients keep their own. Checked against every NLB's idle timeout.
   * @default - EMQX's default, disabled (each client's own keepalive)
   */
  readonly serverKeepaliveSeconds?: number;
  /**
   * The longest keepalive your devices ask for in CONNECT. Not written to emqx.conf: it is what the
   * library checks against every NLB's idle timeout (a device idle for longer than the timeout is cut
   * by the NLB and reconnects, over and over).
   * @default - unknown (not checked)
   */
  readonly deviceKeepaliveSeconds?: number;
  /** The deepest topic accepted (`mqtt.max_topic_levels`), 1 to 65535. @default - EMQX's default, 128 */
  readonly maxTopicLevels?: number;
  /**
   * How EMQX picks a subscriber of a shared subscription (`mqtt.shared_subscription_strategy`). Ordered
   * pipelines need `sticky`, `hash_clientid` or `hash_topic`: `round_robin` spreads one device's messages
   * over consumers.
   * @default - EMQX's default, round_robin
   */
  readonly sharedSubscriptionStrategy?: 'random' | 'round_robin' | 'round_robin_per_group' | 'sticky' | 'local' | 'hash_topic' | 'hash_clientid';
  /** Consumers of shared subscriptions need per-device order (checked against the strategy). @default false */
  readonly orderedSharedSubscriptions?: boolean;
  /**
   * Topic aliases per client (`mqtt.max_topic_alias`, 0 to 65535; 0 turns aliases off). Seed 004 raises it for IoT
   * devices that publish to long topics. Types and ranges from EMQX's schema (5.1 to 5.8 dumps).
   * @default - EMQX's default, 65535
   */
  readonly maxTopicAlias?: number;
  /** QoS 1/2 messages in flight per session before acknowledgements (`mqtt.max_inflight`, 1 to 65535). @default - EMQX's default, 32 */
  readonly maxInflight?: number;
  /** Messages queued per offline or slow session (`mqtt.max_mqueue_len`), a count or `'infinity'`. @default - EMQX's default, 1000 */
  readonly maxMqueueLength?: number | 'infinity';
  /** How long before an unacknowledged QoS 1/2 message is sent again (`mqtt.retry_interval`), or `'infinity'`. @default - EMQX's default */
  readonly retryInterval?: string;
  /** How long a disconnected session is kept (`mqtt.session_expiry_interval`; MQTT 5 clients ask for their own). @default - EMQX's default, 2h */
  readonly sessionExpiryInterval?: string;
  /** Subscriptions per client (`mqtt.max_subscriptions`), a count or `'infinity'`. @default - EMQX's default, infinity */
  readonly maxSubscriptions?: number | 'infinity';
  /** QoS 2 messages awaiting PUBREL per client (`mqtt.max_awaiting_rel`), a count or `'infinity'`. @default - EMQX's default, 100 */
  readonly maxAwaitingRel?: number | 'infinity';
  /** How long a QoS 2 message waits for PUBREL (`mqtt.await_rel_timeout`). @default - EMQX's default, 300s */
  readonly awaitRelTimeout?: string;
  /** How long a new connection may take to send CONNECT (`mqtt.idle_timeout`), or `'infinity'`. @default - EMQX's default, 15s */
  readonly idleTimeout?: string;
  /**
   * Strict MQTT packet checking (`mqtt.strict_mode`): malformed packets (e.g. invalid UTF-8 in topics, from legacy
   * device firmware) disconnect the client. EMQX's default moved to true in 6.3.0 (#17185, facts §10.4): keep it off
   * while devices that send such packets remain in the fleet.
   * @default - the release's own default, written explicitly (false up to 6.2, true from 6.3)
   */
  readonly strictMode?: boolean;
}

/** The MQTT protocol's own ceiling on a packet: 256 MB minus one byte (remaining-length encoding). */
export const MQTT_MAX_PACKET_BYTES = 268435455;

/** Checks MQTT limits (at resolve time), throwing {@link EmqxSpecError} naming the field. */
const MQTT_KEYS = allKeys<MqttLimitsSpec>()([
  'maxPacketSize', 'maxClientIdLength', 'keepaliveMultiplier', 'serverKeepaliveSeconds', 'deviceKeepaliveSeconds', 'maxTopicLevels',
  'sharedSubscriptionStrategy', 'orderedSharedSubscriptions', 'maxTopicAlias', 'maxInflight', 'maxMqueueLength', 'retryInterval',
  'sessionExpiryInterval', 'maxSubscriptions', 'maxAwaitingRel', 'awaitRelTimeout', 'idleTimeout', 'strictMode',
]);

export function validateMqttLimits(spec: MqttLimitsSpec | undefined): void {
  if (!spec) return;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw new EmqxSpecError('mqtt', spec, 'is not a map of MQTT settings', 'e.g. { maxTopicAlias: 65535 }');
  knownKeys('mqtt', spec, MQTT_KEYS);
  const { maxPacketSize, maxClientIdLength, keepaliveMultiplier, maxTopicLevels, serverKeepaliveSeconds, deviceKeepaliveSeconds } = spec;
  if (maxPacketSize !== undefined) {
    if (!(maxPacketSize instanceof Size)) throw new EmqxSpecError('mqtt.maxPacketSize', maxPacketSize, 'is not a Size', 'use e.g. Size.mebibytes(1)');
    const b = maxPacketSize.toBytes();
    if (b < 1 || b > MQTT_MAX_PACKET_BYTES) throw new EmqxSpecError('mqtt.maxPacketSize', maxPacketSize.toEmqx(), 'is outside what MQTT can carry', 'use 1 byte to 256MB (268435455 bytes)');
  }
  const intIn = (field: string, v: number | undefined, min: number, max: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) throw new EmqxSpecError(field, v, `must be a whole number from ${min} to ${max}`, `pick a value in ${min}..${max}`);
  };
  intIn('mqtt.maxClientIdLength', maxClientIdLength, 23, 65535);
  intIn('mqtt.maxTopicLevels', maxTopicLevels, 1, 65535);
  // MQTT's keepalive is a 16-bit number of seconds
  intIn('mqtt.serverKeepaliveSeconds', serverKeepaliveSeconds, 1, 65535);
  intIn('mqtt.deviceKeepaliveSeconds', deviceKeepaliveSeconds, 1, 65535);
  const strategies = ['random', 'round_robin', 'round_robin_per_group', 'sticky', 'local', 'hash_topic', 'hash_clientid'];
  if (spec.sharedSubscriptionStrategy !== undefined && !strategies.includes(spec.sharedSubscriptionStrategy)) {
    throw new EmqxSpecError('mqtt.sharedSubscriptionStrategy', spec.sharedSubscriptionStrategy, 'is not a shared subscription strategy', `use one of ${strategies.join(', ')}`);
  }
  intIn('mqtt.maxTopicAlias', spec.maxTopicAlias, 0, 65535);
  intIn('mqtt.maxInflight', spec.maxInflight, 1, 65535);
  const countOrInfinity = (field: string, v: number | 'infinity' | undefined, min: number) => {
    if (v !== undefined && v !== 'infinity') intIn(field, v, min, 2 ** 31 - 1);
  };
  countOrInfinity('mqtt.maxMqueueLength', spec.maxMqueueLength, 0);
  countOrInfinity('mqtt.maxSubscriptions', spec.maxSubscriptions, 1);
  countOrInfinity('mqtt.maxAwaitingRel', spec.maxAwaitingRel, 0);
  if (spec.strictMode !== undefined && typeof spec.strictMode !== 'boolean') throw new EmqxSpecError('mqtt.strictMode', spec.strictMode, 'is not true or false', 'write true or false');
  if (spec.retryInterval !== undefined) emqxDuration('mqtt.retryInterval', spec.retryInterval, { infinity: true });
  if (spec.sessionExpiryInterval !== undefined) emqxDuration('mqtt.sessionExpiryInterval', spec.sessionExpiryInterval);
  if (spec.awaitRelTimeout !== undefined) emqxDuration('mqtt.awaitRelTimeout', spec.awaitRelTimeout);
  if (spec.idleTimeout !== undefined) emqxDuration('mqtt.idleTimeout', spec.idleTimeout, { infinity: true });
  if (keepaliveMultiplier !== undefined && (typeof keepaliveMultiplier !== 'number' || !Number.isFinite(keepaliveMultiplier) || keepaliveMultiplier < 1)) {
    throw new EmqxSpecError('mqtt.keepaliveMultiplier', keepaliveMultiplier, 'must be a number of at least 1', 'use e.g. 1.5 (EMQX default)');
  }
}

/** Client-certificate fields EMQX copies into the username / client id (`mqtt.peer_cert_as_*`). */
export interface CertificateIdentity {
  /** The certificate field used as username (`peer_cert_as_username`). @default - none */
  readonly username?: string;
  /** The certificate field used as client id (`peer_cert_as_clientid`). @default - none */
  readonly clientId?: string;
}

/** Renders validated MQTT limits and certificate identity as the `mqtt` section (undefined when nothing is set). */
export function mqttSection(spec: MqttLimitsSpec | undefined, identity: CertificateIdentity = {}): HoconObject | undefined {
  if (!spec && identity.username === undefined && identity.clientId === undefined) return undefined;
  const { maxPacketSize, maxClientIdLength, keepaliveMultiplier, maxTopicLevels, serverKeepaliveSeconds } = spec ?? {};
  return {
    max_packet_size: maxPacketSize?.toEmqx(),
    max_clientid_len: maxClientIdLength,
    keepalive_multiplier: keepaliveMultiplier,
    max_topic_levels: maxTopicLevels,
    server_keepalive: serverKeepaliveSeconds,
    shared_subscription_strategy: spec?.sharedSubscriptionStrategy,
    max_topic_alias: spec?.maxTopicAlias,
    max_inflight: spec?.maxInflight,
    max_mqueue_len: spec?.maxMqueueLength,
    retry_interval: spec?.retryInterval,
    session_expiry_interval: spec?.sessionExpiryInterval,
    max_subscriptions: spec?.maxSubscriptions,
    max_awaiting_rel: spec?.maxAwaitingRel,
    await_rel_timeout: spec?.awaitRelTimeout,
    idle_timeout: spec?.idleTimeout,
    peer_cert_as_username: identity.username,
    peer_cert_as_clientid: identity.clientId,
  };
}
