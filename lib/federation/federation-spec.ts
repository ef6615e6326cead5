import { Authenticator } from '../model/authentication';
import { AclRule, applicationRules, AuthorizationSource, confinedRules } from '../model/authorization';
import { EmqxClusterSpec } from '../model/emqx-cluster-spec';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { templateFilter, validateTopicTemplate } from '../model/topic-template';
import { wholeNumber } from '../validation/spec-numbers';
import { EmqxVersion } from '../versions/emqx-version';
import { Exposure } from '../model/exposure';
import { ListenerSpec, ListenerType } from '../model/listener-spec';
import { MqttBridgeSpec, sharedIngressFilter } from '../integrations/mqtt-bridge';
import { SecretKeyRef } from '../model/secret-key-ref';
import { Size } from '../validation/size';
import { Tls } from '../model/tls';
import { filtersIntersect, TopicFilterIndex, validateTopicFilter } from '../model/topic-filter';

/** The placeholder routes use for the plant's name. */
export const PLANT_PLACEHOLDER = '{plant}';

/** A typed topic route between every plant and the hub. */
export class Route {
  /**
   * Plant → hub: messages matching `filter` on a plant are published on the hub under `prefix` + their
   * topic. The prefix must contain `{plant}`, so each plant writes only into its own subtree.
   */
  public static up(filter: string, options: {
    /** Put in front of the local topic on the hub (contains `{plant}`, ends with '/'). Give this or `to`. @default - none */
    prefix?: string;
    /**
     * The hub topic, built from the local topic's segments: `{n}` is what the n-th `+` of `filter` matched,
     * `{#}` what its trailing `#` matched (e.g. `'hub/{plant}/alerts/{1}/{#}'` for `'plant/+/alerts/#'`). The
     * part before the first placeholder must contain `{plant}`. Give this or `prefix`.
     * @default - none
     */
    to?: string;
    /** QoS of the forwarded messages. @default 1 */
    qos?: 0 | 1 | 2;
    /** Keep the retain flag on the hub. @default false */
    retain?: boolean;
  }): Route {
    validateTopicFilter('route.up.filter', filter);
    if (filter.includes(PLANT_PLACEHOLDER)) throw new EmqxSpecError('route.up.filter', filter, 'is a plant-local filter; {plant} belongs in the prefix', "e.g. Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' })");
    if (options?.to !== undefined) {
      if (options.prefix !== undefined) throw new EmqxSpecError('route.up.to', options.to, 'is given with prefix', 'give one of prefix and to');
      validateTopicTemplate('route.up.to', filter, options.to);
      // confinement: the literal part before any placeholder names the plant, so plants stay in their subtrees
      const head = options.to.split(/\{(?:\d+|#)\}/)[0];
      if (!head.includes(PLANT_PLACEHOLDER) || !head.endsWith('/')) {
        throw new EmqxSpecError('route.up.to', options.to, "must start with literal levels that contain {plant} (before any {n} or {#}), or plants could write into each other's topics", "e.g. 'hub/{plant}/alerts/{1}/{#}'");
      }
      return new Route('up', filter, head, options.qos ?? 1, options.retain ?? false, options.to);
    }
    if (typeof options?.prefix !== 'string' || !options.prefix.includes(PLANT_PLACEHOLDER) || !options.prefix.endsWith('/')) {
      throw new EmqxSpecError('route.up.prefix', options?.prefix, "must end with '/' and contain {plant}, or plants would write into each other's topics", "e.g. 'hub/{plant}/'");
    }
    // the prefix is put in front of published topics: a topic name holds no wildcard and no empty first level
    if (/[+#\u0000]/.test(options.prefix) || options.prefix.startsWith('$') || options.prefix.startsWith('/')) {
      throw new EmqxSpecError('route.up.prefix', options.prefix, "is put in front of published topic names, which hold no '+' or '#' and do not start with '$' or '/'", "e.g. 'hub/{plant}/'");
    }
    return new Route('up', filter, options.prefix, options.qos ?? 1, options.retain ?? false);
  }

  /**
   * Hub → plant: each plant subscribes on the hub to `filter` (which contains `{plant}`) and republishes
   * locally with `strip` (a literal prefix of the filter) removed.
   */
  public static down(filter: string, options: { strip?: string; /** QoS of the hub subscription and of the republished messages. @default 1 */ qos?: 0 | 1 | 2 } = {}): Route {
    if (!filter.includes(PLANT_PLACEHOLDER)) throw new EmqxSpecError('route.down.filter', filter, 'must contain {plant}, or every plant would receive every plant\'s messages', "e.g. 'hub/{plant}/cmd/#'");
    validateTopicFilter('route.down.filter', filter.split(PLANT_PLACEHOLDER).join('x'));
    const strip = options.strip ?? '';
    if (strip && (!filter.startsWith(strip) || !strip.endsWith('/'))) throw new EmqxSpecError('route.down.strip', strip, `must be a literal prefix of '${filter}' ending with '/'`, "e.g. 'hub/{plant}/'");
    return new Route('down', filter, strip, options.qos ?? 1, false);
  }

  private constructor(
    /** `up`: plant to hub; `down`: hub to plant. */
    public readonly direction: 'up' | 'down',
    /** up: the plant-local filter; down: the hub filter (with {plant}). */
    public readonly filter: string,
    /** up: the hub prefix; down: the prefix stripped. Both may contain {plant}. */
    public readonly affix: string,
    /** The route's QoS. */
    public readonly qos: 0 | 1 | 2,
    /** Whether forwarded messages keep the retain flag. */
    public readonly retain: boolean,
    /** up: the hub topic template (`{plant}`, `{n}`, `{#}`), when the route maps segments instead of prefixing. */
    public readonly template?: string,
  ) {}

  /** The hub-side filter of this route for one plant. */
  public hubFilter(plant: string): string {
    if (this.direction === 'up' && this.template !== undefined) return templateFilter(this.template).split(PLANT_PLACEHOLDER).join(plant);
    return this.direction === 'up' ? `${this.affix.split(PLANT_PLACEHOLDER).join(plant)}${this.filter}` : this.filter.split(PLANT_PLACEHOLDER).join(plant);
  }

  /** The plant-side filter of this route for one plant (for down routes: the local topics it republishes). */
  public plantFilter(plant: string): string {
    if (this.direction === 'up') return this.filter;
    const hub = this.hubFilter(plant);
    return hub.slice(this.affix.split(PLANT_PLACEHOLDER).join(plant).length);
  }
}

/** How the hub authenticates the plants' bridges on its bridge listener. */
export class BridgeAuthentication {
  /**
   * The hub's built-in database, seeded from a Secret in the hub namespace: EMQX's CSV with the header
   * `user_id,password,is_superuser` and one `bridge-<plant>,<password>,false` line per plant (EMQX 5.8+ `bootstrap_file`). The plant's password Secret holds the same password.
   */
  public static builtInDatabase(users: SecretKeyRef): BridgeAuthentication {
    return new BridgeAuthentication(Authenticator.builtInDatabase({ bootstrapUsers: users }));
  }

  /** The hub's HTTP auth service, which must accept user `bridge-<plant>` with that plant's bridge password. */
  public static http(authenticator: Authenticator): BridgeAuthentication {
    if (authenticator.kind !== 'http') throw new EmqxSpecError('hub.bridgeAuthentication', authenticator.kind, 'is not an HTTP authenticator', 'pass Authenticator.http({...})');
    return new BridgeAuthentication(authenticator);
  }

  private constructor(
    /** The authenticator of the hub's bridge listener. */
    public readonly authenticator: Authenticator,
  ) {}
}

/** The hub: a cluster plus the listener the plants' bridges use. */
export interface HubSpec extends EmqxClusterSpec {
  /** The bridge listener: mqtts on an NLB, under a public name that is in its certificate. */
  readonly bridgeListener: {
    /** The name plants connect to (and verify in the certificate). */
    readonly hostname: string;
    /** The listener port (also the NLB port). @default 8883 */
    readonly port?: number;
    /** The listener's certificate source (`Tls.certManager`, `Tls.fromSecret`, ...); TLS ends in the hub's pods. */
    readonly tls: Tls;
    /** The NLB's scheme. @default 'internet-facing' */
    readonly scheme?: 'internet-facing' | 'internal';
    /** The plants' egress addresses (NAT gateways), enforced by the NLB and the NetworkPolicy. @default - anyone */
    readonly sourceRanges?: string[];
  };
  /** How the hub authenticates the plant bridges. @default BridgeAuthentication.builtInDatabase({ secretName: '<federation>-bridge-users', key: 'users.csv' }) */
  readonly bridgeAuthentication?: BridgeAuthentication;
  /**
   * The hub's own applications (alerting consumers, command services) and what they may do with the plants'
   * topics. The hub denies by default and its ACL otherwise names only the bridge users, so an application
   * not listed here (or in an authorization source of your own) is refused every subscribe and publish.
   * They authenticate like every hub client (with the default built-in database: add them to the users file).
   * @default - none
   */
  readonly applications?: HubApplication[];
}

/** An application of the hub, by MQTT username, with what it may do with the plants' topics on the hub. */
export interface HubApplication {
  /** Its MQTT username (not `bridge-…`, which the plant bridges use). */
  readonly username: string;
  /**
   * Subscribe to what the plants send up: every up route's hub topics, also as a shared subscription in the
   * group named after the username (`$share/<username>/…`).
   * @default false
   */
  readonly receive?: boolean;
  /** Publish what goes down to the plants: every down route's hub topics. @default false */
  readonly send?: boolean;
  /** The plants it may reach. @default - every plant */
  readonly plants?: readonly string[];
}

/** A plant: a cluster plus where its bridge credentials are. */
export interface PlantSpec extends EmqxClusterSpec {
  /** The bridge password, in the plant's namespace. @default { secretName: '<federation>-bridge', key: 'password' } */
  readonly bridgePassword?: SecretKeyRef;
  /** The CA that signed the hub's bridge certificate, in the plant's namespace. @default { secretName: '<federation>-hub-ca', key: 'ca.crt' } */
  readonly hubCa?: SecretKeyRef;
  /**
   * The bridge credential's generation, for rotating it. EMQX's bootstrap file only adds users that are absent
   * (a changed password is ignored), so a new credential is a new user: generation n > 1 is user
   * `bridge-<plant>-g<n>`. While `retiring` names the previous generation, the hub's ACL serves both users, so
   * the plant can move over without a gap; then drop `retiring` and the old user has no rights left.
   * @default { generation: 1 } - user `bridge-<plant>`
   */
  readonly bridgeCredential?: {
    /** The generation the plant connects with (user `bridge-<plant>-g<n>` from 2). */
    readonly generation: number;
    /** The previous generation, still served by the hub's ACL while the plant moves over. @default - none (only `generation` is served) */
    readonly retiring?: number;
  };
}

/** One hub and its plants, joined by MQTT bridges over typed routes. */
export interface FederationSpec {
  /** Names the bridges, Secrets and clientid prefixes: lowercase letters, digits, `-`. */
  readonly name: string;
  /** The hub cluster. */
  readonly hub: HubSpec;
  /** The plant clusters (names are DNS labels, unique). */
  readonly plants: PlantSpec[];
  /** What flows up and down, for every plant (`Route.up`, `Route.down`). */
  readonly routes: Route[];
  /** Each forwarding action's buffer per buffer worker while the hub is unreachable (oldest dropped beyond it). @default - a share of each plant's memory (see MqttBridgeSpec.maxBufferBytes) */
  readonly maxBufferBytes?: Size;
}

/** One bridge direction of one plant, for docs, diagrams and tests. */
export interface FederationLink {
  /** The plant's name. */
  readonly plant: string;
  /** `up`: plant to hub; `down`: hub to plant. */
  readonly direction: 'up' | 'down';
  /** Where messages come from (plant filter for up, hub filter for down). */
  readonly from: string;
  /** Where they go (hub topic pattern for up, plant topic pattern for down). */
  readonly to: string;
  /** QoS of the link. */
  readonly qos: number;
}

/** The federation resolved into plain cluster specs. */
export interface ResolvedFederation {
  /** The federation's name (prefix of bridge, user and Secret names). */
  readonly name: string;
  /** The hub's cluster spec, with its bridge listener, authentication and ACL added. */
  readonly hub: EmqxClusterSpec;
  /** Each plant's cluster spec, with its bridge added. */
  readonly plants: {
    /** The plant's name. */
    readonly name: string;
    /** The plant's cluster spec. */
    readonly spec: EmqxClusterSpec;
    /** The Secret keys of its bridge: the password of its hub user and the CA it trusts the hub with. */
    readonly bridgeSecrets: {
      /** The bridge user's password. */
      readonly password: SecretKeyRef;
      /** The CA (PEM) that signed the hub's bridge certificate. */
      readonly hubCa: SecretKeyRef;
    };
  }[];
  /** Every route of every plant, as rendered at both ends. */
  readonly links: FederationLink[];
  /** The hub's ACL rules confining each plant's bridge user. */
  readonly hubAclRules: AclRule[];
  /** `host:port` the plants connect to. */
  readonly hubEndpoint: string;
  /**
   * The Secret key the hub seeds its bridge users from (EMQX's users CSV), when the hub authenticates the bridges
   * with its built-in database. @default - none, with `BridgeAuthentication.http(...)`
   */
  readonly bridgeUsers?: SecretKeyRef;
}

/** The credential generations a plant's hub user exists in: the current one, and the retiring one during a rotation. */
function credentialGenerations(field: string, c: PlantSpec['bridgeCredential']): number[] {
  if (c === undefined) return [1];
  const generation = wholeNumber(`${field}.generation`, c?.generation, 1, 'count generations from 1 (user bridge-<plant>)');
  if (c.retiring === undefined) return [generation];
  const retiring = wholeNumber(`${field}.retiring`, c.retiring, 1, 'name the previous generation');
  if (retiring >= generation) throw new EmqxSpecError(`${field}.retiring`, retiring, `is not older than generation ${generation}`, `set retiring: ${generation - 1} while plants move to generation ${generation}`);
  return [generation, retiring];
}

/** The hub user of a plant's bridge: `bridge-<plant>`, and `bridge-<plant>-g<n>` from credential generation 2. */
export function bridgeUser(plant: string, generation = 1): string {
  return generation === 1 ? `bridge-${plant}` : `bridge-${plant}-g${generation}`;
}

function bridgeName(federation: string): string {
  return `fed_${federation.replace(/-/g, '_')}`;
}

/**
 * Checks a federation and derives both ends from it: each plant's bridge (one per direction and route
 * before 5.5), the hub's bridge listener, its authentication and the ACL that confines every plant to
 * its own topics. Loops (a plant's upward topics reaching a downward subscription, a downward topic
 * matching an upward filter) are errors.
 */
export function resolveFederation(spec: FederationSpec): ResolvedFederation {
  const name = spec.name;
  if (typeof name !== 'string' || !/^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$/.test(name)) {
    throw new EmqxSpecError('federation.name', name, 'is not a valid federation name', 'use up to 20 lowercase letters, digits and "-", starting with a letter');
  }
  if (!Array.isArray(spec.plants) || spec.plants.length === 0) throw new EmqxSpecError('federation.plants', spec.plants, 'needs at least one plant', 'add the plants');
  if (!Array.isArray(spec.routes) || spec.routes.length === 0 || spec.routes.some((r) => !(r instanceof Route))) {
    throw new EmqxSpecError('federation.routes', spec.routes, 'needs at least one route', "use Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/' }) and Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/' })");
  }
  const names = new Set<string>();
  spec.plants.forEach((p, i) => {
    if (typeof p?.name !== 'string' || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 40) {
      throw new EmqxSpecError(`federation.plants[${i}].name`, p?.name, 'is not a DNS-safe plant name', 'use lowercase letters, digits and "-", starting with a letter');
    }
    if (names.has(p.name) || p.name === spec.hub.name) throw new EmqxSpecError(`federation.plants[${i}].name`, p.name, 'is used twice (plants and hub need distinct names)', 'name every site once');
    names.add(p.name);
  });
  const ups = spec.routes.filter((r) => r.direction === 'up');
  const downs = spec.routes.filter((r) => r.direction === 'down');
  // loops and leaks, for every pair of plants: every plant's upward hub topics, indexed once
  const upward = new TopicFilterIndex<{ plant: string; filter: string }>();
  for (const q of spec.plants) for (const u of ups) upward.add(u.hubFilter(q.name), { plant: q.name, filter: u.hubFilter(q.name) });
  for (const p of spec.plants) {
    for (const d of downs) {
      const hit = upward.intersecting(d.hubFilter(p.name)).sort((a, b) => Number(b.plant === p.name) - Number(a.plant === p.name))[0];
      if (hit) {
        throw new EmqxSpecError('federation.routes', `${hit.filter} ~ ${d.hubFilter(p.name)}`,
          hit.plant === p.name ? `plant ${p.name}'s upward topics reach its own downward subscription: messages would loop plant → hub → plant`
            : `plant ${hit.plant}'s upward topics reach plant ${p.name}'s downward subscription: one plant's messages would be delivered into another`,
          'give up and down routes disjoint hub subtrees, e.g. hub/{plant}/up/... and hub/{plant}/cmd/...');
      }
      for (const u of ups) {
        if (filtersIntersect(d.plantFilter(p.name), u.filter)) {
          throw new EmqxSpecError('federation.routes', `${d.plantFilter(p.name)} ~ ${u.filter}`, `on plant ${p.name}, the topics republished from the hub match an upward route: messages would loop hub → plant → hub`, 'strip to a local subtree the upward filters do not cover');
        }
      }
    }
  }
  const hubVersion = spec.hub.version instanceof EmqxVersion ? spec.hub.version : EmqxVersion.of(spec.hub.version as string, 'hub.version');
  const users: SecretKeyRef = { secretName: `${name}-bridge-users`, key: 'users.csv' };
  const bridgeAuth = spec.hub.bridgeAuthentication ?? BridgeAuthentication.builtInDatabase(users);
  if (bridgeAuth.authenticator.kind === 'built_in_database' && !hubVersion.hasBuiltInDatabaseBootstrap) {
    throw new EmqxSpecError('hub.bridgeAuthentication', hubVersion.version, `seeding the hub's built-in database from a Secret needs EMQX 5.8+ (bootstrap_file), the hub runs ${hubVersion}`, 'use BridgeAuthentication.http(Authenticator.http({...})) with your auth service, or a newer hub');
  }
  const bl = spec.hub.bridgeListener;
  if (!bl || typeof bl.hostname !== 'string') throw new EmqxSpecError('hub.bridgeListener.hostname', bl?.hostname, 'is required', "give the public name plants connect to, e.g. 'hub.iot.example.com'");
  const port = bl.port ?? 8883;
  const hubEndpoint = `${bl.hostname}:${port}`;

  // the hub: the bridge listener (own authentication) and the confining ACL before the user's rules
  const aclRules: AclRule[] = spec.plants.flatMap((p, i) => credentialGenerations(`plants[${i}].bridgeCredential`, p.bridgeCredential).flatMap((generation) => {
    const pubs = ups.map((u) => u.hubFilter(p.name));
    const subs = downs.flatMap((d) => [d.hubFilter(p.name), `$share/${name}-${p.name}/${d.hubFilter(p.name)}`]);
    return confinedRules({ username: bridgeUser(p.name, generation) }, pubs, subs);
  }));
  // the hub's applications: what each may read and send, confined to the plants it names (then nothing else)
  const apps = spec.hub.applications ?? [];
  if (!Array.isArray(apps)) throw new EmqxSpecError('hub.applications', apps, 'is not a list of applications', "e.g. [{ username: 'alerting', receive: true }]");
  const plantNames = spec.plants.map((p) => p.name);
  const appRules: AclRule[] = apps.flatMap((a, i) => {
    const field = `hub.applications[${i}]`;
    if (typeof a?.username !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(a.username)) {
      throw new EmqxSpecError(`${field}.username`, a?.username, 'is not a username', "use letters, digits, '.', '_' and '-', e.g. 'alerting'");
    }
    if (a.username.startsWith('bridge-')) throw new EmqxSpecError(`${field}.username`, a.username, "starts with 'bridge-', which names the plants' bridge users", 'choose another username');
    if (apps.findIndex((x) => x?.username === a.username) !== i) throw new EmqxSpecError(`${field}.username`, a.username, 'is listed twice', 'give each application once, with all it may do');
    if (!a.receive && !a.send) throw new EmqxSpecError(field, a.username, 'may neither receive nor send', 'set receive: true and/or send: true');
    const scope = a.plants ?? plantNames;
    if (!Array.isArray(scope) || scope.length === 0) throw new EmqxSpecError(`${field}.plants`, a.plants, 'names no plant', 'list plant names, or leave it out for every plant');
    scope.forEach((p, j) => {
      if (!plantNames.includes(p)) throw new EmqxSpecError(`${field}.plants[${j}]`, p, 'is not a plant of this federation', `use one of: ${plantNames.join(', ')}`);
    });
    const up = a.receive ? scope.flatMap((p) => ups.map((u) => u.hubFilter(p))) : [];
    const down = a.send ? scope.flatMap((p) => downs.map((d) => d.hubFilter(p))) : [];
    return confinedRules({ username: a.username }, down, [...up, ...up.map((t) => `$share/${a.username}/${t}`)]);
  });
  const { bridgeListener: _bl, bridgeAuthentication: _ba, applications: _apps, ...hubCluster } = spec.hub;
  const bridgeListenerSpec: ListenerSpec = {
    type: ListenerType.SSL,
    name: 'bridges',
    port,
    exposure: Exposure.awsNlb({ name: 'bridges', scheme: bl.scheme ?? 'internet-facing', hostname: bl.hostname, sourceRanges: bl.sourceRanges }),
    tls: bl.tls,
    authentication: [bridgeAuth.authenticator],
  };
  const userSources = hubCluster.authorization?.sources ?? [];
  const userFile = userSources.find((s) => s.kind === 'file');
  // the bridge users' confining rules stay first: the hub's own roles (authorization.applications) come after them
  const { applications: hubRoles, ...hubAuthorization } = hubCluster.authorization ?? {};
  const sources = [
    AuthorizationSource.file([...aclRules, ...appRules, ...applicationRules(hubRoles), ...(userFile?.rules ?? [])]),
    ...userSources.filter((s) => s !== userFile),
  ];
  const hub: EmqxClusterSpec = {
    ...hubCluster,
    // the ACL keys on the bridge users' names: a listener that took clients without a credential would let any
    // pod claim a plant's user and its rights (seen on EMQX 5.8.9, emqx-facts §9e.31). Without an authentication
    // of the user's own, every hub listener checks the bridge users' credentials; hub applications need users there.
    authentication: hubCluster.authentication ?? [bridgeAuth.authenticator],
    listeners: [...(hubCluster.listeners ?? [{ type: ListenerType.TCP }]), bridgeListenerSpec],
    authorization: { ...hubAuthorization, sources },
  };

  // the plants: one bridge to the hub each
  const links: FederationLink[] = [];
  const plants = spec.plants.map((p) => {
    const { bridgePassword, hubCa, bridgeCredential, ...cluster } = p;
    const hubCaRef: SecretKeyRef = hubCa ?? { secretName: `${name}-hub-ca`, key: 'ca.crt' };
    const bridge: MqttBridgeSpec = {
      name: bridgeName(name),
      server: hubEndpoint,
      ca: hubCaRef,
      username: bridgeUser(p.name, bridgeCredential?.generation ?? 1),
      password: bridgePassword ?? { secretName: `${name}-bridge`, key: 'password' },
      clientidPrefix: `${name}-${p.name}`,
      egress: ups.map((u) => ({ localFilter: u.filter, remotePrefix: u.affix.split(PLANT_PLACEHOLDER).join(p.name), remoteTemplate: u.template?.split(PLANT_PLACEHOLDER).join(p.name), qos: u.qos, retain: u.retain })),
      ingress: downs.map((d) => ({ remoteFilter: d.hubFilter(p.name), stripPrefix: d.affix.split(PLANT_PLACEHOLDER).join(p.name), qos: d.qos })),
      maxBufferBytes: spec.maxBufferBytes,
    };
    for (const u of ups) links.push({ plant: p.name, direction: 'up', from: u.filter, to: u.hubFilter(p.name), qos: u.qos });
    for (const d of downs) links.push({ plant: p.name, direction: 'down', from: sharedIngressFilter(bridge, { remoteFilter: d.hubFilter(p.name) }), to: d.plantFilter(p.name), qos: d.qos });
    return { name: p.name, spec: { ...cluster, mqttBridges: [...(cluster.mqttBridges ?? []), bridge] } as EmqxClusterSpec, bridgeSecrets: { password: bridge.password, hubCa: hubCaRef } };
  });
  const bridgeUsers = bridgeAuth.authenticator.files.find((f) => f.fileName === 'users.csv')?.ref;
  return { name, hub, plants, links, hubAclRules: aclRules, hubEndpoint, ...(bridgeUsers ? { bridgeUsers } : {}) };
}
