import { withExtraConfig } from './extra-config';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { HoconObject, renderHocon } from './hocon';
import { ListenerType } from '../model/listener-spec';
import { authorizationSection } from '../model/authorization';
import { durableSessionsSections } from '../model/durable-sessions';
import { mqttSection } from '../model/mqtt-limits-spec';
import { ResolvedPodTls } from '../model/resolve-listeners';

/** The role a node plays in the cluster (`node.role`). */
export type NodeRole = 'core' | 'replicant';

/** The emqx.conf file name each role reads (a key of the cluster's ConfigMap). */
export function configFileName(role: NodeRole): string {
  return `emqx-${role}.conf`;
}

function clusterSection(c: ResolvedEmqxCluster): HoconObject {
  const d = c.discovery;
  const section: HoconObject = { name: c.name, discovery_strategy: d.strategy };
  if (d.strategy === 'dns') {
    section.dns = { name: c.discoveryDnsName, record_type: 'srv' };
  } else if (d.strategy === 'k8s') {
    section.k8s = {
      apiserver: d.apiServer,
      service_name: c.names.headlessService,
      address_type: 'hostname',
      namespace: c.namespace,
      suffix: `svc.${c.clusterDomain}`,
    };
  } else if (d.strategy === 'static') {
    section.static = { seeds: c.coreNodeNames };
  }
  return section;
}

function sslOptions(tls: ResolvedPodTls): HoconObject {
  return {
    certfile: tls.certfile,
    keyfile: tls.keyfile,
    cacertfile: tls.cacertfile,
    verify: tls.mutual ? 'verify_peer' : undefined,
    fail_if_no_peer_cert: tls.mutual ? true : undefined,
  };
}

function listenersSection(c: ResolvedEmqxCluster): HoconObject {
  const out: HoconObject = {};
  for (const type of Object.values(ListenerType)) {
    // the EMQX listeners of this type (TLS at the NLB arrives on a plain tcp/ws listener)
    const served = c.listeners.filter((l) => l.emqxType === type);
    const byName: HoconObject = {};
    // EMQX opens listeners.{tcp,ssl,ws,wss}.default unless told otherwise (facts §9d.24)
    if (!served.some((l) => l.emqxName === 'default')) byName.default = { enable: false };
    for (const l of served) {
      const body: HoconObject = {
        enable: true,
        bind: `0.0.0.0:${l.port}`,
        max_connections: l.maxConnections,
        ...l.limits,
        proxy_protocol: l.proxyProtocol ? true : undefined,
      };
      if (l.websocketPath !== undefined) body.websocket = { mqtt_path: l.websocketPath };
      if (l.tls?.terminatesAt === 'pod') body.ssl_options = sslOptions(l.tls);
      if (l.authentication.length) body.authentication = l.authentication.map((a) => a.config);
      // under 6.3's hardened profile a listener without any authenticator refuses every client (CONNACK 5, facts
      // §10.19 77) unless it says so: an anonymous listener (EMQX-AnonymousListener governs those) says so
      if (c.runtime.securityProfile === 'hardened' && !l.authentication.length && !c.authentication.length) body.enable_authn = false;
      byName[l.emqxName] = body;
    }
    out[type] = byName;
  }
  return out;
}

/** Where the metrics API key's bootstrap line is mounted (`api_key.bootstrap_file`). */
export const API_KEY_BOOTSTRAP_DIR = '/opt/emqx/etc/api-keys';

/**
 * Monitored from 5.4: basic auth on the Prometheus endpoints written explicitly (its default moves to true
 * in 6.3: pinned-defaults.ts), true with a metrics API key, which is bootstrapped from a mounted Secret.
 */
function monitoringSections(c: ResolvedEmqxCluster): HoconObject {
  if (!c.monitoring || !c.version.hasPrometheusBasicAuth) return {};
  return {
    prometheus: { enable_basic_auth: c.monitoring.apiKey !== undefined },
  };
}

/**
 * The configuration tree of one node role, in the keys of the cluster's EMQX version.
 *
 * Secrets are not in it: the cookie, dashboard password, license and every integration or
 * authenticator secret come from `EMQX_*` environment variables that reference Kubernetes Secrets
 * (see {@link nodeEnvironment}).
 */
export function buildEmqxConfig(c: ResolvedEmqxCluster, role: NodeRole): HoconObject {
  // the user's extra settings last: checked against what the library writes, then merged (extra-config.ts)
  return withExtraConfig(libraryEmqxConfig(c, role), c.extraConfig, role, c.workload[role].env.map((e) => e.name));
}

/** What the library itself writes into a role's emqx.conf. */
function libraryEmqxConfig(c: ResolvedEmqxCluster, role: NodeRole): HoconObject {
  const v = c.version;
  return {
    node: {
      // required when emqx.conf is replaced (facts §9.9); relative to /opt/emqx
      data_dir: 'data',
      role,
      // moved between releases (pinned-defaults.ts): the release's own value, written
      dist_net_ticktime: v.distNetTicktimeDefault,
    },
    cluster: clusterSection(c),
    rpc: {
      // the Docker entrypoint defaults to manual too; every pod has its own IP, so one port for all
      port_discovery: 'manual',
      [v.rpcServerPortKey]: c.ports.genRpc,
    },
    dashboard: {
      // the schema default is 0 (disabled); the shipped emqx.conf we replace set 18083
      // an explicit address: under 6.3's hardened security profile a bare port binds loopback only (emqx-facts
      // §10.13), which would cut the probes, the metrics scrape, the backup job and the operator off
      listeners: { http: { bind: `0.0.0.0:${c.ports.dashboard}` } },
    },
    listeners: listenersSection(c),
    // strict_mode's default moves to true in 6.3 (pinned-defaults.ts): the spec's value, else the release's own, written
    mqtt: { ...mqttSection(c.mqtt, c.certificateIdentity), strict_mode: c.mqtt?.strictMode ?? v.strictModeDefault },
    authentication: c.authentication.length ? c.authentication.map((a) => a.config) : undefined,
    // the node caches' enable default moves to true in 6.2 (pinned-defaults.ts): written from 5.9, where they exist
    authentication_settings: c.authenticationCache
      ? { node_cache: { enable: true, cache_ttl: c.authenticationCache.ttl, max_count: c.authenticationCache.maxCount } }
      : v.hasAuthNodeCaches ? { node_cache: { enable: false } } : undefined,
    authorization: { ...authorizationSection(c.authorization), node_cache: v.hasAuthNodeCaches ? { enable: false } : undefined },
    ...c.dataIntegrationConfig,
    ...durableSessionsSections(c.durableSessions, v),
    ...monitoringSections(c),
    // the API keys EMQX creates at boot: the metrics key's and the backup job's (node-pod-parts.ts writes the file)
    api_key: c.monitoring?.apiKey || c.backup ? { bootstrap_file: `${API_KEY_BOOTSTRAP_DIR}/bootstrap` } : undefined,
    log: {
      console: { enable: true, level: c.logLevel },
      file: { enable: false },
    },
  };
}

/** The rendered emqx.conf of one role, with a header naming the version and edition. */
export function renderEmqxConfig(c: ResolvedEmqxCluster, role: NodeRole): string {
  return renderHocon(
    buildEmqxConfig(c, role),
    [
      `emqx.conf for the ${role} nodes of cluster "${c.name}": EMQX ${c.version} (${c.edition}).`,
      'Generated by emqx-constructs; do not edit. Secrets (cookie, dashboard password, license,',
      'integration and authenticator credentials) come from EMQX_* environment variables that',
      'reference Kubernetes Secrets.',
    ].join('\n'),
  );
}

/**
 * The configuration given to the EMQX Operator (`spec.config.data`): one file for both roles. The
 * operator sets what differs per node or is its own business through environment variables that win
 * over the file (`node.role`, `node.data_dir`, DNS discovery, the node name and cookie, and
 * `api_key.bootstrap_file`, which points at its bootstrap API-key Secret), so those are left out;
 * everything else is exactly the native backend's emqx.conf.
 */
export function buildOperatorEmqxConfig(c: ResolvedEmqxCluster): HoconObject {
  const { node, api_key: _apiKey, ...rest } = buildEmqxConfig(c, 'core');
  const { role: _role, data_dir: _dataDir, ...nodeRest } = node as HoconObject;
  return { ...(Object.values(nodeRest).some((x) => x !== undefined) ? { node: nodeRest } : {}), ...rest, cluster: { name: c.name } };
}

/** The rendered `spec.config.data` of the operator backend, with a header naming the version and edition. */
export function renderOperatorEmqxConfig(c: ResolvedEmqxCluster): string {
  return renderHocon(
    buildOperatorEmqxConfig(c),
    [
      c.operator?.apiVersion === 'apps.emqx.io/v2'
        ? `base.hocon of cluster "${c.name}" for EMQX Operator 2.3 (apps.emqx.io/v2, both roles): EMQX ${c.version} (${c.edition}).`
        : `emqx.conf of cluster "${c.name}" for the EMQX Operator (both roles): EMQX ${c.version} (${c.edition}).`,
      'Generated by emqx-constructs; do not edit. The operator sets the node role, name, cookie and',
      'discovery; secrets come from EMQX_* environment variables that reference Kubernetes Secrets.',
      ...(c.operator?.apiVersion === 'apps.emqx.io/v2'
        ? ['The lowest config layer: cluster.hocon, emqx.conf and EMQX_* variables override it (the cluster name and', 'the dashboard bind are therefore also set through the environment).']
        : []),
    ].join('\n'),
  );
}
