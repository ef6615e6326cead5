import { EmqxSpecError } from '../validation/emqx-spec-error';
import type { SinkKind } from './integrations';

/** What a rule does with each result. */
export type RuleAction =
  | {
    /** The kind of sink, the key of its list in `integrations` (`'kafka'`, `'influxdb'`, `'s3'`). */
    readonly kind: SinkKind;
    /** The sink's name. */
    readonly name: string;
  }
  | {
    /** Republish to a topic. */
    readonly kind: 'republish';
    /** The topic (template). */
    readonly topic: string;
    /** QoS (or a template). @default '${qos}' */
    readonly qos?: 0 | 1 | 2 | string;
    /** Retain flag (or a template). @default '${retain}' */
    readonly retain?: boolean | string;
    /** Payload (template). @default '${payload}' */
    readonly payload?: string;
  }
  | {
    /** Print to the console (debugging). */
    readonly kind: 'console';
  };

/** Rule actions. */
export class Action {
  /** Produce to the Kafka producer of that name (`integrations.kafka`). */
  public static kafka(name: string): RuleAction { return { kind: 'kafka', name }; }
  /** Write to the InfluxDB sink of that name (`integrations.influxdb`). */
  public static influxdb(name: string): RuleAction { return { kind: 'influxdb', name }; }
  /** Add to the S3 upload of that name (`integrations.s3`): each result is a record of its aggregated files. */
  public static s3(name: string): RuleAction { return { kind: 's3', name }; }
  /** Send to the sink of that kind and name (`Action.sink('kafka', 'raw')` is `Action.kafka('raw')`). */
  public static sink(kind: SinkKind, name: string): RuleAction { return { kind, name }; }
  /** Publish again, e.g. to a normalized topic. */
  public static republish(options: {
    /** The topic (template). */
    topic: string;
    /** QoS (or a template). @default '${qos}' */
    qos?: 0 | 1 | 2 | string;
    /** Retain flag (or a template). @default '${retain}' */
    retain?: boolean | string;
    /** Payload (template). @default '${payload}' */
    payload?: string;
  }): RuleAction {
    if (typeof options.topic !== 'string' || !options.topic || /[#+]/.test(options.topic)) {
      throw new EmqxSpecError('action.republish.topic', options.topic, 'is not a topic name (no wildcards)', "e.g. 'normalized/${clientid}/vibration'");
    }
    return { kind: 'republish', ...options };
  }
  /** Log each result (debugging). */
  public static console(): RuleAction { return { kind: 'console' }; }
}

/** A rule: SQL over messages/events and the actions its results go to. */
export interface RuleSpec {
  /** The rule id: lowercase letters, digits, `_`. */
  readonly id: string;
  /** EMQX rule SQL, e.g. `SELECT payload.rms AS rms, clientid FROM "plant/+/machines/+/vibration"`. */
  readonly sql: string;
  /** What to do with each selected message, in order. */
  readonly actions: RuleAction[];
  /** The rule's description (shown in the dashboard). @default - none */
  readonly description?: string;
}

/** Light checks of a rule (EMQX parses the SQL itself at boot and rejects invalid SQL). */
export function validateRule(field: string, r: RuleSpec): void {
  if (typeof r?.id !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(r.id)) throw new EmqxSpecError(`${field}.id`, r?.id, 'is not a valid rule id', "use lowercase letters, digits and '_' (e.g. 'vibration_to_kafka')");
  if (typeof r.sql !== 'string' || !/^\s*(SELECT|FOREACH)\s/i.test(r.sql) || !/\bFROM\s+"[^"]+"/i.test(r.sql)) {
    throw new EmqxSpecError(`${field}.sql`, r.sql, 'is not rule SQL with a quoted FROM topic', 'write e.g. SELECT payload.rms AS rms FROM "plant/+/machines/+/vibration"');
  }
  if (!Array.isArray(r.actions) || r.actions.length === 0) throw new EmqxSpecError(`${field}.actions`, r.actions, 'needs at least one action', 'add Action.kafka(...), Action.influxdb(...), Action.s3(...), Action.republish(...) or Action.console()');
}
