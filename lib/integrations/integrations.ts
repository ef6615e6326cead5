// The integrations registry: every kind of sink a rule can send to is one file exporting an `IntegrationKind`
// (kafka-producer.ts, influxdb-sink.ts, s3-upload.ts) plus one registration here — an entry in
// `INTEGRATION_KINDS` and its field in `IntegrationsSpec` (the compiler checks the two agree). Resolution,
// unknown keys, availability per release and edition, rule-action references, rendering in the release's
// layout, Secrets, CA mounts, egress and buffer bounds are generic below.
import { EmqxEdition } from '../versions/emqx-edition';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject, HoconValue } from '../hocon/hocon';
import { influxDbKind, InfluxDbSpec } from './influxdb-sink';
import { kafkaProducerKind, KafkaProducerSpec } from './kafka-producer';
import { s3UploadKind, S3UploadSpec } from './s3-upload';
import { RuleAction, RuleSpec, validateRule } from './rule-spec';
import { BufferNeed } from '../model/buffer-budget';
import { Size } from '../validation/size';
import { knownKeys } from '../validation/validators';
import { ConfigEndpoint, ConfigFileMount, ConfigSecret, IntegrationKind } from './integration-kind';

export type { ConfigEndpoint, ConfigFileMount, ConfigSecret } from './integration-kind';

/** Data integrations: the sinks (Kafka producers, InfluxDB writers, S3 uploads) and the rules that feed them. */
export interface IntegrationsSpec {
  /** Kafka producers. @default - none */
  readonly kafka?: KafkaProducerSpec[];
  /** InfluxDB sinks. @default - none */
  readonly influxdb?: InfluxDbSpec[];
  /** S3 uploads (aggregated files in a bucket; EMQX Enterprise 5.7+, or 5.9+). @default - none */
  readonly s3?: S3UploadSpec[];
  /** Rules that route messages to the integrations. @default - none */
  readonly rules?: RuleSpec[];
}

/** The kinds of sink a rule can send to: the lists of `IntegrationsSpec` (`'kafka'`, `'influxdb'`, `'s3'`). */
export type SinkKind = Exclude<keyof IntegrationsSpec, 'rules'>;

/** The spec type of a kind of sink. */
export type SinkSpecOf<K extends SinkKind> = NonNullable<IntegrationsSpec[K]>[number];

/** Every kind of sink, by its `IntegrationsSpec` key (the compiler refuses a list there without its kind here). */
export const INTEGRATION_KINDS: { readonly [K in SinkKind]: IntegrationKind<SinkSpecOf<K>> } = {
  kafka: kafkaProducerKind,
  influxdb: influxDbKind,
  s3: s3UploadKind,
};

/** Integrations after validation against the version and edition: each kind's list (empty when none), and the rules. */
export type ResolvedIntegrations = { readonly [K in SinkKind]: SinkSpecOf<K>[] } & {
  /** Rules. */
  readonly rules: RuleSpec[];
};

/** The registered kinds, in rendering order. */
const KINDS = Object.values(INTEGRATION_KINDS) as unknown as IntegrationKind<{ readonly name: string }>[];
/** The kinds by name (a Map: a kind such as 'toString' finds nothing, as an object's prototype member would). */
const KIND_BY_NAME = new Map(KINDS.map((k) => [k.kind, k]));
const INTEGRATIONS_KEYS = [...Object.keys(INTEGRATION_KINDS), 'rules'];

/** The environment variable EMQX reads for a config path (`a.b_c.d` → `EMQX_A__B_C__D`). */
export function envVarForPath(path: string): string {
  return `EMQX_${path.split('.').map((p) => p.toUpperCase()).join('__')}`;
}

/** The sinks of every kind, with their kind. */
export function allSinks(i: ResolvedIntegrations): { kind: IntegrationKind<{ readonly name: string }>; spec: { readonly name: string } }[] {
  return KINDS.flatMap((kind) => (i[kind.kind as SinkKind] as { readonly name: string }[]).map((spec) => ({ kind, spec })));
}

/** Whether the cluster has any sink or rule. */
export function hasAnyIntegration(i: ResolvedIntegrations): boolean {
  return i.rules.length > 0 || allSinks(i).length > 0;
}

/** Validates integrations for a version and edition; cross-references rules to sinks. */
export function resolveIntegrations(spec: IntegrationsSpec | undefined, version: EmqxVersion, edition: EmqxEdition): ResolvedIntegrations {
  if (spec !== undefined && (spec === null || typeof spec !== 'object' || Array.isArray(spec))) {
    throw new EmqxSpecError('integrations', spec, 'is not an object', `give { ${INTEGRATIONS_KEYS.map((k) => `${k}: [...]`).join(', ')} }`);
  }
  knownKeys('integrations', spec, INTEGRATIONS_KEYS);
  const list = <T>(key: string): T[] => {
    const v = (spec as Record<string, unknown> | undefined)?.[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new EmqxSpecError(`integrations.${key}`, v, 'is not a list', `give a list, e.g. ${key}: [{ ... }]`);
    return v as T[];
  };
  const names = new Set<string>();
  const resolved: Record<string, unknown[]> = {};
  for (const kind of KINDS) {
    const items = list<{ readonly name: string }>(kind.kind);
    items.forEach((item, i) => {
      const field = `integrations.${kind.kind}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new EmqxSpecError(field, item, `is not a ${kind.label} spec`, 'give an object');
      knownKeys(field, item, kind.keys);
      kind.validate(field, item, version);
      if (names.has(item.name)) throw new EmqxSpecError(`${field}.name`, item.name, 'is used by two integrations', 'give each integration its own name');
      if (/__/.test(item.name)) throw new EmqxSpecError(`${field}.name`, item.name, "contains '__', which EMQX's environment overrides read as a path separator", "use single '_'");
      names.add(item.name);
      const missing = kind.unavailable(version, edition);
      if (missing) throw new EmqxSpecError(field, item.name, missing.reason, missing.fix);
    });
    resolved[kind.kind] = items;
  }
  const rules = list<RuleSpec>('rules');
  const ruleIds = new Set<string>();
  rules.forEach((r, i) => {
    validateRule(`integrations.rules[${i}]`, r);
    if (ruleIds.has(r.id)) throw new EmqxSpecError(`integrations.rules[${i}].id`, r.id, 'is used twice', 'give each rule its own id');
    ruleIds.add(r.id);
    r.actions.forEach((a, j) => {
      const field = `integrations.rules[${i}].actions[${j}]`;
      if (a === null || typeof a !== 'object') throw new EmqxSpecError(field, a, 'is not a rule action', 'use Action.kafka(...), Action.influxdb(...), Action.s3(...), Action.republish(...) or Action.console()');
      if (a.kind === 'republish' || a.kind === 'console') return;
      const kind = KIND_BY_NAME.get(a.kind);
      if (!kind) throw new EmqxSpecError(`${field}.kind`, (a as { kind: unknown }).kind, 'is not a kind of action', `use one of: ${[...Object.keys(INTEGRATION_KINDS), 'republish', 'console'].join(', ')}`);
      const declared = resolved[kind.kind] as { readonly name: string }[];
      if (!declared.some((s) => s.name === a.name)) {
        throw new EmqxSpecError(field, a.name, `names no ${kind.label} in integrations.${kind.kind}`, `declare it, or use one of: ${declared.map((s) => s.name).join(', ') || '(none)'}`);
      }
    });
  });
  return { ...(resolved as { [K in SinkKind]: SinkSpecOf<K>[] }), rules };
}

/** The memory buffers the sinks hold per node (kinds without an in-memory buffer give none). */
export function integrationBufferNeeds(i: ResolvedIntegrations): BufferNeed[] {
  return allSinks(i).flatMap(({ kind, spec }) => kind.bufferNeed?.(spec) ?? []);
}

/** The integrations with the buffer bounds of a plan (by `BufferNeed.id`). */
export function withBufferBounds(i: ResolvedIntegrations, bound: (spec: { readonly name: string }, kind: IntegrationKind<{ readonly name: string }>) => Size | undefined): ResolvedIntegrations {
  const out: Record<string, unknown> = { rules: i.rules };
  for (const kind of KINDS) {
    out[kind.kind] = (i[kind.kind as SinkKind] as { readonly name: string }[]).map((s) => (kind.withBufferBound ? kind.withBufferBound(s, bound(s, kind)) : s));
  }
  return out as ResolvedIntegrations;
}

/** The rule-action reference of an action, in the version's syntax. */
export function actionReference(a: RuleAction, version: EmqxVersion, integrations: ResolvedIntegrations): HoconValue {
  switch (a.kind) {
    case 'republish':
      return { function: 'republish', args: { topic: a.topic, qos: a.qos ?? '${qos}', retain: a.retain ?? '${flags.retain}', payload: a.payload ?? '${payload}' } };
    case 'console':
      return { function: 'console' };
    default: {
      const kind = KIND_BY_NAME.get(a.kind)!;
      const spec = (integrations[a.kind] as { readonly name: string }[]).find((s) => s.name === a.name)!;
      return kind.actionReference(spec, version);
    }
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
 * Renders the integrations in the version's layout (each kind decides: `bridges.<type>` before 5.4, `connectors` +
 * `actions` after), the Secrets each reads from the environment by its config path, and the rules under
 * `rule_engine.rules` naming them by the version's action reference.
 */
export function renderIntegrations(i: ResolvedIntegrations, version: EmqxVersion): IntegrationsConfig {
  const roots: Record<'bridges' | 'connectors' | 'actions', HoconObject> = { bridges: {}, connectors: {}, actions: {} };
  const secrets: ConfigSecret[] = [];
  const files: ConfigFileMount[] = [];
  const endpoints: ConfigEndpoint[] = [];
  const put = (root: 'bridges' | 'connectors' | 'actions', type: string, name: string, body: HoconObject) => {
    roots[root][type] = { ...((roots[root][type] as HoconObject) ?? {}), [name]: body };
    return `${root}.${type}.${name}`;
  };
  for (const { kind, spec } of allSinks(i)) {
    const r = kind.render(spec, version);
    const connectorPath = r.bridge ? put('bridges', r.bridge.type, spec.name, r.bridge.body) : r.connector ? put('connectors', r.connector.type, spec.name, r.connector.body) : undefined;
    const actionPath = r.action ? put('actions', r.action.type, spec.name, r.action.body) : undefined;
    for (const s of r.secrets) {
      const base = s.under === 'action' ? actionPath : connectorPath;
      if (!base) throw new Error(`${kind.kind} ${spec.name}: a secret under ${s.under}, which it does not render`);
      secrets.push({ path: `${base}.${s.path}`, ref: s.ref });
    }
    files.push(...r.files);
    endpoints.push(...r.endpoints);
  }
  const rules: HoconObject = {};
  for (const r of i.rules) {
    rules[r.id] = { enable: true, sql: r.sql, actions: r.actions.map((a) => actionReference(a, version, i)), description: r.description };
  }
  const config: HoconObject = {};
  for (const root of ['bridges', 'connectors', 'actions'] as const) if (Object.keys(roots[root]).length) config[root] = roots[root];
  if (Object.keys(rules).length) config.rule_engine = { rules };
  return { config, secrets, files, endpoints };
}
