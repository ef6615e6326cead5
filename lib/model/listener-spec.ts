/** The MQTT listener transports EMQX offers. */
export enum ListenerType {
  /** MQTT over TCP, default port 1883. */
  TCP = 'tcp',
  /** MQTT over TLS, default port 8883. */
  SSL = 'ssl',
  /** MQTT over WebSocket, default port 8083, path `/mqtt`. */
  WS = 'ws',
  /** MQTT over secure WebSocket, default port 8084, path `/mqtt`. */
  WSS = 'wss',
}

/** The port EMQX binds for each listener type by default (emqx_schema.erl `default_listener/1`). */
export const DEFAULT_LISTENER_PORTS: Record<ListenerType, number> = {
  [ListenerType.TCP]: 1883,
  [ListenerType.SSL]: 8883,
  [ListenerType.WS]: 8083,
  [ListenerType.WSS]: 8084,
};

import { Exposure } from './exposure';
import { Size } from '../validation/size';
import { Authenticator } from './authentication';
import { Peer } from '../network/network-peer';
import { Tls } from './tls';

/** One MQTT listener (`listeners.<type>.<name>`). */
export interface ListenerSpec {
  /** The transport. */
  readonly type: ListenerType;
  /**
   * The listener's name under `listeners.<type>`; also the basis of its container port name.
   * @default 'default'
   */
  readonly name?: string;
  /**
   * The port to bind on every interface.
   * @default - the type's standard port (1883, 8883, 8083, 8084)
   */
  readonly port?: number;
  /**
   * Maximum concurrent connections on this listener, per node.
   * @default - EMQX's default, `infinity`
   */
  readonly maxConnections?: number;
  /**
   * New connections accepted per second on this listener, per node (`max_conn_rate`).
   * @default - no limit
   */
  readonly maxConnRate?: number;
  /**
   * Burst of new connections above {@link ListenerSpec.maxConnRate} (`max_conn_burst`, EMQX 5.9+).
   * @default - none
   */
  readonly maxConnBurst?: number;
  /**
   * Messages per second each client may publish (`messages_rate`).
   * @default - no limit
   */
  readonly messagesPerSecond?: number;
  /** Burst above {@link ListenerSpec.messagesPerSecond} (`messages_burst`, EMQX 5.9+). @default - none */
  readonly messagesBurst?: number;
  /**
   * Bytes per second each client may publish (`bytes_rate`), e.g. `Size.kibibytes(64)`.
   * @default - no limit
   */
  readonly bytesPerSecond?: Size;
  /** Burst above {@link ListenerSpec.bytesPerSecond} (`bytes_burst`, EMQX 5.9+). @default - none */
  readonly bytesBurst?: Size;
  /**
   * Expect a PROXY protocol (v1/v2) header before MQTT (`proxy_protocol`): needed behind a load
   * balancer that sends one, fatal for connections when the balancer does not. With `Exposure.awsNlb()`
   * the NLB is told to send PROXY protocol v2 too.
   * @default - true with `Tls.atNlb()` (the library sets it on both sides), else false
   */
  readonly proxyProtocol?: boolean;
  /** The WebSocket path of ws/wss listeners (`websocket.mqtt_path`). @default '/mqtt' */
  readonly websocketPath?: string;
  /** Where clients reach this listener from. @default Exposure.clusterIp() */
  readonly exposure?: Exposure;
  /**
   * The certificate source of an ssl/wss listener, and where TLS ends (required for ssl/wss, refused
   * for tcp/ws): `Tls.certManager(...)`, `Tls.selfSignedCa()`, `Tls.fromSecret(...)` or `Tls.atNlb(...)`.
   * @default - none
   */
  readonly tls?: Tls;
  /**
   * Who may connect, enforced by the cluster's NetworkPolicies. NLB listeners always also admit the
   * VPC CIDRs (the NLB's health checks).
   * @default - in-cluster listeners: pods of the cluster's namespace; NLB listeners: the NLB's
   *   sourceRanges, or anyone when it is internet-facing without sourceRanges
   */
  readonly allowFrom?: Peer[];
  /** This listener's own authentication chain, replacing the cluster's for its clients. @default - the cluster's chain */
  readonly authentication?: Authenticator[];
}
