import { emqxDuration, knownKeys } from '../validation/validators';
import { EmqxVersion } from '../versions/emqx-version';
import { NetworkEndpoint, urlEndpoint } from './authentication';
import { Peer } from '../network/network-peer';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { HoconObject } from '../hocon/hocon';

/** Who an ACL rule applies to. */
export type AclSubject =
  | 'all'
  | {
    /** Clients with this username. */
    readonly username: string;
  }
  | {
    /** Clients whose username matches this regular expression. */
    readonly usernameRe: string;
  }
  | {
    /** Clients with this client id. */
    readonly clientid: string;
  }
  | {
    /** Clients whose client id matches this regular expression. */
    readonly clientidRe: string;
  }
  | {
    /** Clients from this address or CIDR. */
    readonly ipaddr: string;
  };

/** One rule of the file ACL (`acl.conf`), first match wins. */
export interface AclRule {
  /** Allow or deny what the rule matches. */
  readonly permission: 'allow' | 'deny';
  /** Who it applies to. */
  readonly who: AclSubject;
  /** What it applies to. */
  readonly action: 'publish' | 'subscribe' | 'all';
  /** Topic filters; `${username}` / `${clientid}` placeholders allowed; `{ eq: 't/#' }` matches the filter literally. */
  readonly topics: (string | {
    /** A topic filter matched literally (wildcards as plain characters). */
    readonly eq: string;
  })[];
}

/** An authorization source. */
export class AuthorizationSource {
  /** Rules written to an ACL file the library mounts (`type = file`). */
  public static file(rules: AclRule[]): AuthorizationSource {
    if (!Array.isArray(rules) || rules.length === 0) throw new EmqxSpecError('authorization.sources.file', rules, 'needs at least one rule', 'give the rules in order; the first match wins');
    rules.forEach((r, i) => validateRule(`authorization.sources.file[${i}]`, r));
    return new AuthorizationSource('file', {}, rules, []);
  }

  /** Ask an HTTP service (`type = http`). */
  public static http(options: { url: string; method?: 'get' | 'post'; body?: Record<string, string>; requestTimeout?: string; networkPeer?: Peer }): AuthorizationSource {
    if (!/^https?:\/\/[^\s/@]+(:\d+)?(\/[^\s]*)?$/.test(options.url ?? '')) throw new EmqxSpecError('authorization.sources.http.url', options.url, 'is not an http(s) URL without credentials', "use e.g. 'http://acl.iam.svc:8080/mqtt/acl'");
    return new AuthorizationSource('http', {
      type: 'http',
      enable: true,
      method: options.method ?? 'post',
      url: options.url,
      body: options.body ?? { username: '${username}', clientid: '${clientid}', topic: '${topic}', action: '${action}' },
      request_timeout: options.requestTimeout ?? '5s',
    }, [], [urlEndpoint(options.url, `HTTP authorization ${options.url}`, options.networkPeer)]);
  }

  /** Rules stored in EMQX's database (managed through the REST API). */
  public static builtInDatabase(): AuthorizationSource {
    return new AuthorizationSource('built_in_database', { type: 'built_in_database', enable: true }, [], []);
  }

  private constructor(
    /** `file`, `http` or `built_in_database`. */
    public readonly kind: 'file' | 'http' | 'built_in_database',
    /** emqx.conf fields (the file source's path is added at render). */
    public readonly config: HoconObject,
    /** File rules. */
    public readonly rules: AclRule[],
    /** Network endpoints (egress). */
    public readonly endpoints: NetworkEndpoint[],
  ) {}
}

/**
 * A kind of client of the cluster (devices, a local consumer, a line controller) and the topics it may use.
 * Rendered into the file ACL, before your own rules: its allows, then a deny of everything else for it.
 */
export interface ApplicationRole {
  /** The client's username. Give this or {@link ApplicationRole.usernamePattern}. @default - none */
  readonly username?: string;
  /** A regular expression over usernames, for many clients of one kind (e.g. `'^device-'`). @default - none */
  readonly usernamePattern?: string;
  /** Topic filters it may publish to (`${username}` and `${clientid}` placeholders allowed). @default - none */
  readonly publish?: readonly string[];
  /** Topic filters it may subscribe to. @default - none */
  readonly subscribe?: readonly string[];
}

/** `authorization.*` of a cluster. */
export interface AuthorizationSpec {
  /**
   * Typed roles of the cluster's own clients, rendered into the file ACL ahead of your own rules; each is
   * confined to its topics (everything else is denied for it).
   * @default - none
   */
  readonly applications?: readonly ApplicationRole[];
  /**
   * What happens when no rule matches. EMQX's own default changed from allow (5.x) to deny (6.0);
   * the library writes it on every version.
   * @default 'deny'
   */
  readonly noMatch?: 'allow' | 'deny';
  /** What happens to a client that is denied a publish: drop silently or disconnect it. @default 'ignore' */
  readonly denyAction?: 'ignore' | 'disconnect';
  /** The per-client authorization cache. @default - EMQX's default (enabled, 32 entries, 1m) */
  readonly cache?: {
    /** Cache decisions. @default true */
    readonly enable?: boolean;
    /** Decisions cached per client. @default 32 */
    readonly maxSize?: number;
    /** How long a decision is kept. @default '1m' */
    readonly ttl?: string;
  };
  /**
   * The sources, in order. The library always writes `authorization.sources`: left unset, EMQX would load
   * its shipped `acl.conf`, whose last rule allows everything (`{allow, all}.` through 6.2.0), so
   * `noMatch: 'deny'` would never apply (emqx_authz_schema:default_authz/0; shared/reference/emqx-facts.md
   * §10.6, seen on real 5.8.9 nodes §9e.30).
   * @default [] - no source: `noMatch` decides every publish and subscribe
   */
  readonly sources?: AuthorizationSource[];
  /**
   * EMQX 6.3+: which characters a client id or username may hold and still be substituted into an ACL topic template
   * (`${clientid}`, `${username}`): `authorization.topic_template_allow`, a hidden setting whose three flags are false
   * (emqx_authz_schema.erl at release-63, #17596). With `slash: true`, a fleet whose ids are hierarchical
   * (`line-3/press-1`) keeps matching `plant/${clientid}/#` as on 6.2, and such a client reaches the deeper topics its
   * id spells out, as it did on 6.2.
   * @default - EMQX's: none allowed (the rules stop matching such ids: `EMQX-AclTemplateIdentitySlash`)
   */
  readonly topicTemplateAllow?: {
    /** Allow `/`. @default false */
    readonly slash?: boolean;
    /** Allow `+`. @default false */
    readonly plus?: boolean;
    /** Allow `#`. @default false */
    readonly hash?: boolean;
  };
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function validateRule(field: string, r: AclRule): void {
  if (r?.permission !== 'allow' && r?.permission !== 'deny') throw new EmqxSpecError(`${field}.permission`, r?.permission, 'is not allow or deny', "use 'allow' or 'deny'");
  if (!['publish', 'subscribe', 'all'].includes(r.action)) throw new EmqxSpecError(`${field}.action`, r.action, 'is not publish, subscribe or all', "use 'publish', 'subscribe' or 'all'");
  if (!Array.isArray(r.topics) || r.topics.length === 0) throw new EmqxSpecError(`${field}.topics`, r.topics, 'needs at least one topic filter', "e.g. ['plant/${username}/#']");
  for (const t of r.topics) {
    const filter = typeof t === 'string' ? t : t?.eq;
    if (typeof filter !== 'string' || filter === '' || /[\u0000]/.test(filter)) throw new EmqxSpecError(`${field}.topics`, t, 'is not a topic filter', "e.g. 'plant/+/alerts/#'");
    const levels = filter.split('/');
    if (levels.some((l, i) => (l.includes('#') && (l !== '#' || i !== levels.length - 1)) || (l.includes('+') && l !== '+'))) {
      throw new EmqxSpecError(`${field}.topics`, filter, "uses a wildcard inside a level ('#' must be the whole last level, '+' a whole level)", "e.g. 'plant/+/alerts/#'");
    }
  }
}

function subject(who: AclSubject): string {
  if (who === 'all') return 'all';
  if ('username' in who) return `{username, ${quote(who.username)}}`;
  if ('usernameRe' in who) return `{username, {re, ${quote(who.usernameRe)}}}`;
  if ('clientid' in who) return `{clientid, ${quote(who.clientid)}}`;
  if ('clientidRe' in who) return `{clientid, {re, ${quote(who.clientidRe)}}}`;
  return `{ipaddr, ${quote(who.ipaddr)}}`;
}

/** Renders ACL rules in EMQX's acl.conf syntax (Erlang terms, one rule per line). */
export function renderAclFile(rules: AclRule[]): string {
  const lines = rules.map((r) => {
    const topics = r.topics.map((t) => (typeof t === 'string' ? quote(t) : `{eq, ${quote(t.eq)}}`)).join(', ');
    return `{${r.permission}, ${subject(r.who)}, ${r.action}, [${topics}]}.`;
  });
  return `%% Generated by emqx-constructs; do not edit. First match wins.\n${lines.join('\n')}\n`;
}

/** Where the generated ACL file is mounted (a key of the cluster's ConfigMap). */
export const ACL_FILE_PATH = '/opt/emqx/etc/generated/acl.conf';
/** The ConfigMap key holding the generated ACL file (not `.conf`: it is Erlang terms, not HOCON). */
export const ACL_CONFIG_KEY = 'acl.rules';

/** Authorization after defaults. */
export interface ResolvedAuthorization {
  /** What happens when no rule matches. */
  readonly noMatch: 'allow' | 'deny';
  /** What happens to a denied publish. */
  readonly denyAction: 'ignore' | 'disconnect';
  /** The per-client cache, when set. */
  readonly cache?: {
    /** Cache decisions. */
    readonly enable?: boolean;
    /** Decisions cached per client. */
    readonly maxSize?: number;
    /** How long a decision is kept. */
    readonly ttl?: string;
  };
  /** The sources, in order; empty when the spec gives none (EMQX's shipped acl.conf is never used). */
  readonly sources: AuthorizationSource[];
  /** The rendered ACL file of the file source, when there is one. */
  readonly aclFile?: string;
  /** What ACL topic templates may substitute (6.3+), when set. */
  readonly topicTemplateAllow?: AuthorizationSpec['topicTemplateAllow'];
}

/**
 * One identity confined to its topics: allow publishing to `publish`, subscribing to `subscribe` (either may be
 * empty), then deny it everything else, so no later, broader rule widens it. @internal
 */
export function confinedRules(who: AclSubject, publish: readonly (string | { readonly eq: string })[], subscribe: readonly (string | { readonly eq: string })[]): AclRule[] {
  const rules: AclRule[] = [];
  if (publish.length) rules.push({ permission: 'allow', who, action: 'publish', topics: [...publish] });
  if (subscribe.length) rules.push({ permission: 'allow', who, action: 'subscribe', topics: [...subscribe] });
  rules.push({ permission: 'deny', who, action: 'all', topics: ['#', '$SYS/#'] });
  return rules;
}

/** The ACL rules of typed application roles: each role's allows, then a deny of everything else for it. @internal */
export function applicationRules(roles: readonly ApplicationRole[] | undefined): AclRule[] {
  if (roles === undefined) return [];
  if (!Array.isArray(roles)) throw new EmqxSpecError('authorization.applications', roles, 'is not a list of roles', "e.g. [{ usernamePattern: '^device-', publish: ['plant/${username}/#'] }]");
  return roles.flatMap((r, i) => {
    const field = `authorization.applications[${i}]`;
    if ((r?.username === undefined) === (r?.usernamePattern === undefined)) {
      throw new EmqxSpecError(field, r, 'needs exactly one of username and usernamePattern', "e.g. { username: 'historian', subscribe: ['plant/#'] }");
    }
    if (r.username !== undefined && (typeof r.username !== 'string' || r.username === '')) throw new EmqxSpecError(`${field}.username`, r.username, 'is not a username', "e.g. 'historian'");
    if (r.usernamePattern !== undefined) {
      try {
        if (typeof r.usernamePattern !== 'string' || r.usernamePattern === '') throw new Error('empty');
        new RegExp(r.usernamePattern);
      } catch {
        throw new EmqxSpecError(`${field}.usernamePattern`, r.usernamePattern, 'is not a regular expression', "e.g. '^device-'");
      }
    }
    if (!r.publish?.length && !r.subscribe?.length) throw new EmqxSpecError(field, r.username ?? r.usernamePattern, 'may neither publish nor subscribe', 'give publish and/or subscribe topic filters');
    const who: AclSubject = r.username !== undefined ? { username: r.username } : { usernameRe: r.usernamePattern! };
    const rules = confinedRules(who, r.publish ?? [], r.subscribe ?? []);
    for (const action of ['publish', 'subscribe'] as const) {
      if (r[action]?.length) validateRule(`${field}.${action}`, { permission: 'allow', who, action, topics: [...r[action]!] });
    }
    return rules;
  });
}

/** Applies defaults (an explicit `no_match`, `deny` unless said otherwise, and explicit sources, on every version). */
export function resolveAuthorization(spec: AuthorizationSpec | undefined, version: EmqxVersion): ResolvedAuthorization {
  const noMatch = spec?.noMatch ?? 'deny';
  if (noMatch !== 'allow' && noMatch !== 'deny') throw new EmqxSpecError('authorization.noMatch', noMatch, 'is not allow or deny', "use 'deny' (default) or 'allow'");
  const denyAction = spec?.denyAction ?? 'ignore';
  if (denyAction !== 'ignore' && denyAction !== 'disconnect') throw new EmqxSpecError('authorization.denyAction', denyAction, 'is not ignore or disconnect', "use 'ignore' (default) or 'disconnect'");
  const sources = spec?.sources ?? [];
  if (!Array.isArray(sources) || sources.some((s) => !(s instanceof AuthorizationSource))) {
    throw new EmqxSpecError('authorization.sources', sources, 'is not a list of sources', 'use AuthorizationSource.file([...]), .http({...}) or .builtInDatabase()');
  }
  if (sources.filter((s) => s.kind === 'file').length > 1) throw new EmqxSpecError('authorization.sources', 'file', 'has two file sources', 'put all file rules in one AuthorizationSource.file([...])');
  const ttl = spec?.cache?.ttl;
  if (ttl !== undefined) emqxDuration('authorization.cache.ttl', ttl, { units: ['ms', 's', 'm', 'h'] });
  const roleRules = applicationRules(spec?.applications);
  const userFile = sources.find((s) => s.kind === 'file');
  // the roles go first, into the one file source (created when the spec has none)
  const withRoles = roleRules.length === 0 ? sources
    : userFile ? sources.map((s) => (s === userFile ? AuthorizationSource.file([...roleRules, ...s.rules]) : s))
      : [AuthorizationSource.file(roleRules), ...sources];
  const file = withRoles.find((s) => s.kind === 'file');
  const allow = spec?.topicTemplateAllow;
  if (allow !== undefined) {
    if (!version.hasStrictAclTopicTemplates) throw new EmqxSpecError('authorization.topicTemplateAllow', allow, `EMQX ${version} has no topic_template_allow (from 6.3.0; earlier releases substitute any id)`, 'remove it');
    if (allow === null || typeof allow !== 'object' || Array.isArray(allow)) throw new EmqxSpecError('authorization.topicTemplateAllow', allow, 'is not { slash, plus, hash }', 'e.g. { slash: true }');
    knownKeys('authorization.topicTemplateAllow', allow, ['slash', 'plus', 'hash']);
    for (const k of ['slash', 'plus', 'hash'] as const) {
      if (allow[k] !== undefined && typeof allow[k] !== 'boolean') throw new EmqxSpecError(`authorization.topicTemplateAllow.${k}`, allow[k], 'is not true or false', 'leave it out for false');
    }
  }
  return { noMatch, denyAction, cache: spec?.cache, sources: withRoles, aclFile: file ? renderAclFile(file.rules) : undefined, topicTemplateAllow: allow };
}

/** The `authorization` root. */
export function authorizationSection(a: ResolvedAuthorization): HoconObject {
  return {
    no_match: a.noMatch,
    deny_action: a.denyAction,
    cache: a.cache ? { enable: a.cache.enable, max_size: a.cache.maxSize, ttl: a.cache.ttl } : undefined,
    // always written, an empty list included: unset, EMQX loads its shipped allow-all acl.conf (see AuthorizationSpec.sources)
    sources: a.sources.map((s) => (s.kind === 'file' ? { type: 'file', enable: true, path: ACL_FILE_PATH } : s.config)),
    topic_template_allow: a.topicTemplateAllow ? { slash: a.topicTemplateAllow.slash, plus: a.topicTemplateAllow.plus, hash: a.topicTemplateAllow.hash } : undefined,
  };
}
