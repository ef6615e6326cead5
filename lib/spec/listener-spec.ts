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
}
