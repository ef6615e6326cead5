// Extra EMQX configuration: the escape hatch for settings the typed spec does not model yet (mqtt.max_topic_alias,
// durable-session tunables, ...). It is read at synth, merged into each role's emqx.conf (so it is part of the config
// hash and of what the checks see), and may not set a key the library writes: that key has a typed setting.
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { HoconObject, HoconValue, overlayHocon } from './hocon';
import { HoconSyntaxError, readHocon } from './hocon-read';
import { knownKeys } from '../validation/validators';

/** A fragment of emqx.conf: HOCON text, or the same as a plain object (dotted keys allowed: `{ 'mqtt.max_topic_alias': 65535 }`). */
export type ExtraConfigSource = string | { readonly [key: string]: unknown };

/** Extra emqx.conf settings, for both roles or per role (role settings win over `all`). */
export interface ExtraConfig {
  /** For every node. @default - none */
  readonly all?: ExtraConfigSource;
  /** For the core nodes only. Native backend only (the EMQX Operator has one config for both roles). @default - none */
  readonly core?: ExtraConfigSource;
  /** For the replicant nodes only. Native backend only. @default - none */
  readonly replicant?: ExtraConfigSource;
}

/** The extra settings, read: per source, so that problems name where they were written. */
export interface ResolvedExtraConfig {
  /** For every node. */
  readonly all: HoconObject;
  /** For the cores. */
  readonly core: HoconObject;
  /** For the replicants. */
  readonly replicant: HoconObject;
}

/** The typed setting that writes each top-level section of emqx.conf, for errors that point users at it. */
const TYPED: Record<string, string> = {
  node: 'the library (node role, data dir, ticktime) and durableSessions',
  cluster: 'discovery',
  rpc: 'the library (gen_rpc port)',
  dashboard: 'dashboardPort',
  listeners: 'listeners',
  mqtt: 'mqtt',
  authentication: 'authentication',
  authentication_settings: 'authenticationCache',
  authorization: 'authorization',
  durable_sessions: 'durableSessions',
  durable_storage: 'durableSessions',
  prometheus: 'monitoring',
  api_key: 'monitoring / backup',
  log: 'logLevel',
  license: 'license',
};

function typedSettingFor(path: string): string {
  return TYPED[path.split('.')[0]] ?? 'integrations / mqttBridges';
}

function plain(field: string, v: unknown): HoconValue {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EmqxSpecError(field, v, 'is not a finite number', 'give a number, or a string such as "30s"');
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => plain(`${field}[${i}]`, x));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    let out: HoconObject = {};
    for (const [k, x] of Object.entries(v)) {
      // a dotted key is a path, as in HOCON
      const path = k.split('.');
      if (path.some((p) => p === '')) throw new EmqxSpecError(`${field}.${k}`, k, 'is not a key path', "write keys like 'mqtt.max_topic_alias'");
      const value = plain(`${field}.${k}`, x);
      out = overlayHocon(out, path.reduceRight<HoconValue>((acc, p) => ({ [p]: acc }), value) as HoconObject);
    }
    return out;
  }
  throw new EmqxSpecError(field, typeof v, 'is not configuration data (strings, numbers, booleans, lists and maps)', 'write the value as emqx.conf has it');
}

function read(field: string, source: ExtraConfigSource | undefined): HoconObject {
  if (source === undefined) return {};
  if (typeof source === 'string') {
    try {
      return readHocon(source);
    } catch (e) {
      if (e instanceof HoconSyntaxError) throw new EmqxSpecError(field, `line ${e.line}: ${source.split('\n')[e.line - 1]?.trim() ?? ''}`, `is not valid HOCON (${e.message})`, 'fix the line; the syntax is emqx.conf\'s');
      throw e;
    }
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw new EmqxSpecError(field, source, 'is not HOCON text or a map of settings', "e.g. 'mqtt.max_topic_alias = 65535' or { mqtt: { max_topic_alias: 65535 } }");
  return plain(field, source) as HoconObject;
}

/** Reads the extra configuration (HOCON text or plain data), naming the source and line of any problem. */
export function resolveExtraConfig(spec: ExtraConfig | undefined, operator: boolean): ResolvedExtraConfig {
  if (spec !== undefined && (spec === null || typeof spec !== 'object' || Array.isArray(spec))) {
    throw new EmqxSpecError('extraConfig', spec, 'is not a map of { all, core, replicant }', "e.g. { all: 'mqtt.max_topic_alias = 65535' }");
  }
  knownKeys('extraConfig', spec, ['all', 'core', 'replicant']);
  if (operator) {
    for (const role of ['core', 'replicant'] as const) {
      if (spec?.[role] !== undefined) throw new EmqxSpecError(`extraConfig.${role}`, '(given)', 'the EMQX Operator has one configuration for both roles (spec.config.data)', 'use extraConfig.all with WorkloadBackend.emqxOperator(), or the native backend');
    }
  }
  return { all: read('extraConfig.all', spec?.all), core: read('extraConfig.core', spec?.core), replicant: read('extraConfig.replicant', spec?.replicant) };
}

/** Every leaf (a scalar or a list) of a config tree, by dotted path. */
function leaves(o: HoconObject, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => {
    if (v === undefined) return [];
    const path = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'object' && !Array.isArray(v) ? leaves(v, path) : [path];
  });
}

/**
 * Keys the library writes only to pin a default that moved between releases (docs/DEFAULTS.md) and that have no
 * typed setting: extra configuration may give them another value (`mqtt.strict_mode` has one: `mqtt.strictMode`).
 */
const PINNED_ONLY = ['node.dist_net_ticktime'];

/** The first library path a user path collides with: the same leaf, or one inside the other. */
function collision(ours: readonly string[], path: string): string | undefined {
  if (PINNED_ONLY.includes(path)) return undefined;
  return ours.find((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
}

/**
 * The role's emqx.conf tree with its extra settings merged in (`all`, then the role's). A key the library writes is
 * an error naming the typed setting; so is an `EMQX_*` variable of the workload settings that would override such a
 * key (environment variables win over emqx.conf, so the spec would silently not apply).
 */
export function withExtraConfig(tree: HoconObject, extra: ResolvedExtraConfig, role: 'core' | 'replicant', envNames: readonly string[]): HoconObject {
  const envs = envNames.filter((n) => n.startsWith('EMQX_'));
  // nothing to overlay or compare (the common case): no walk of the whole tree
  if (!Object.keys(extra.all).length && !Object.keys(extra[role]).length && !envs.length) return tree;
  const ours = leaves(tree);
  for (const [field, source] of [['extraConfig.all', extra.all], [`extraConfig.${role}`, extra[role]]] as const) {
    for (const path of leaves(source)) {
      const hit = collision(ours, path);
      if (hit) throw new EmqxSpecError(`${field}`, path, `sets ${path}, which the library writes (${hit}) from the spec`, `use the typed setting (${typedSettingFor(hit)}) instead`);
    }
  }
  for (const name of envs) {
    const path = name.slice(5).toLowerCase().split('__').join('.');
    const hit = collision(ours, path);
    if (hit) throw new EmqxSpecError(`workload.env (${role})`, name, `overrides ${hit}, which the library writes from the spec (an EMQX_* variable wins over emqx.conf)`, `use the typed setting (${typedSettingFor(hit)}) instead`);
  }
  return overlayHocon(overlayHocon(tree, extra.all), extra[role]);
}
