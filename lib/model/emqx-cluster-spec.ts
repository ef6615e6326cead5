import { allKeys, annotationMap, DNS1123_LABEL, DNS1123_SUBDOMAIN, knownKeys, labelMap, quantity, secretKeyRef } from '../validation/validators';
import { Acknowledgement, validateAcknowledgements } from './acknowledgement';
import { AuthenticationCacheSpec, Authenticator, resolveAuthenticationCache, validateAuthenticators } from './authentication';
import { AuthorizationSpec, resolveAuthorization, ResolvedAuthorization } from './authorization';
import { BackupSpec, resolveBackup, ResolvedBackup } from './backup-spec';
import { Discovery } from './discovery';
import { DurableSessionsSpec, resolveDurableSessions, ResolvedDurableSessions } from './durable-sessions';
import { HoconObject, mergeHocon } from '../hocon/hocon';
import { ConfigEndpoint, ConfigFileMount, ConfigSecret, hasAnyIntegration, integrationBufferNeeds, IntegrationsSpec, renderIntegrations, resolveIntegrations, ResolvedIntegrations, withBufferBounds } from '../integrations/integrations';
import { MqttBridgeSpec, renderMqttBridges, validateMqttBridge } from '../integrations/mqtt-bridge';
import { EmqxEdition } from '../versions/emqx-edition';
import { releasesOfLine } from '../versions/known-releases';
import { bridgeBufferNeeds, planBuffers, smallestClusterNodeMemory } from './buffer-budget';
import { resolveEmqxOperator, ResolvedEmqxOperator, WorkloadBackend } from '../workload/workload-backend';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { tcpPort, wholeNumber } from '../validation/spec-numbers';
import { EmqxVersion } from '../versions/emqx-version';
import { ListenerSpec } from './listener-spec';
import { MonitoringSpec, resolveMonitoring, ResolvedMonitoring } from '../monitoring/monitoring-spec';
import { NetworkPoliciesSpec, resolveNetworkPolicies, ResolvedNetworkPolicies } from '../network/network-policies-spec';
import { CertificateIdentity, MqttLimitsSpec, validateMqttLimits } from './mqtt-limits-spec';
import { groupNlbListeners, resolveListeners, ResolvedListener, ResolvedPodTls } from './resolve-listeners';
import { SecretKeyRef } from './secret-key-ref';
import { ZoneSpread } from './zone-spread';
import { ExtraConfig, resolveExtraConfig, ResolvedExtraConfig } from '../hocon/extra-config';
import { EmqxFeature, ResolvedRuntimeProfile, resolveRuntimeProfile, SecurityProfile } from './runtime-profile';
import { ResolvedWorkloadSettings, resolveWorkloadSettings, WorkloadSettings } from '../workload/workload-settings';
import { podReservations } from '../workload/node-pod-parts';

export { ZoneSpread } from './zone-spread';

/** CPU and memory as Kubernetes quantities, e.g. `{ cpu: '500m', memory: '1Gi' }`. */
export interface ResourceQuantities {
  /** CPU, e.g. `500m` or `2`. @default - not set */
  readonly cpu?: string;
  /** Memory, e.g. `1Gi`. @default - not set */
  readonly memory?: string;
}

/** Requests and limits of one node role's container. */
export interface NodeResources {
  /** What the scheduler reserves. @default - the role's default (see {@link EmqxClusterSpec.coreResources}) */
  readonly requests?: ResourceQuantities;
  /** The ceiling; a memory limit turns a runaway node into an OOM kill instead of a starved host. @default - the role's default */
  readonly limits?: ResourceQuantities;
}


/** Annotations per Service the library renders (besides the NLB Services). */
export interface ServiceAnnotations {
  /** The in-cluster listener Service (`<name>-mqtt`). @default - none */
  readonly mqtt?: Record<string, string>;
  /** The headless discovery Service (`<name>-headless`). Native backend only. @default - none */
  readonly headless?: Record<string, string>;
  /** The dashboard Service (`<name>-dashboard`). @default - none */
  readonly dashboard?: Record<string, string>;
  /** The metrics Service (`<name>-metrics`, with monitoring by ServiceMonitor). @default - none */
  readonly metrics?: Record<string, string>;
}

/** The Secrets the nodes read at start. Only names and keys: the values never enter the manifests. */
export interface EmqxSecretsSpec {
  /**
   * The Erlang cookie shared by every node (`EMQX_NODE__COOKIE`). Always set it: images ship a
   * well-known default cookie.
   * @default - key `node-cookie` of Secret `<name>-secrets`
   */
  readonly cookie?: SecretKeyRef;
  /**
   * The dashboard `admin` password (`EMQX_DASHBOARD__DEFAULT_PASSWORD`), applied only when the
   * admin user is first created (EMQX ignores later changes).
   * @default - key `dashboard-password` of Secret `<name>-secrets`
   */
  readonly dashboardPassword?: SecretKeyRef;
}

/** Persistent storage of the core nodes' `/opt/emqx/data` (one PVC per core pod). */
export interface CoreStorageSpec {
  /** The PVC size. @default '10Gi' */
  readonly size?: string;
  /** The StorageClass. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/**
 * One EMQX cluster: cores (StatefulSet with persistent data) and optional replicants (stateless),
 * for one version and edition. Plain data: the cdk8s constructs and Pulumi components render it.
 */
export interface EmqxClusterSpec {
  /**
   * The cluster's name: prefix of every object name, `cluster.name` in EMQX and the
   * `app.kubernetes.io/instance` label. A DNS label starting with a letter, at most 40 characters.
   */
  readonly name: string;
  /**
   * The namespace the cluster runs in; part of every node name.
   * @default - the chart's namespace, else 'default'
   */
  readonly namespace?: string;
  /** The exact EMQX release, e.g. `EmqxVersion.of('5.8.9')` or `'5.8.9'`; also the image tag. */
  readonly version: EmqxVersion | string;
  /**
   * The edition.
   * @default - OPEN_SOURCE up to 5.8, ENTERPRISE from 5.9 (the only edition there)
   */
  readonly edition?: EmqxEdition;
  /**
   * The image repository, for registry mirrors (e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/emqx/emqx-enterprise`).
   * The tag is always the version.
   * @default - the edition's Docker Hub repository
   */
  readonly imageRepository?: string;
  /** Number of core nodes (StatefulSet replicas). An odd number of at least 3 for production. @default 3 */
  readonly cores?: number;
  /** Number of replicant nodes (stateless; they serve clients and replicate from cores). @default 0 */
  readonly replicants?: number;
  /** How nodes find each other. @default Discovery.dnsSrv() */
  readonly discovery?: Discovery;
  /** The Kubernetes cluster domain used in node names. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /**
   * The short node name before `@`. Its trailing digits move the Erlang distribution port
   * (4370 + N), which the library computes once and uses everywhere.
   * @default 'emqx'
   */
  readonly nodeShortName?: string;
  /** Core data volumes. @default - 10Gi from the default StorageClass */
  readonly storage?: CoreStorageSpec;
  /**
   * Core container resources.
   * @default - requests `{ cpu: '500m', memory: '1Gi' }`, limits `{ memory: '2Gi' }`
   */
  readonly coreResources?: NodeResources;
  /**
   * Replicant container resources.
   * @default - requests `{ cpu: '500m', memory: '512Mi' }`, limits `{ memory: '1Gi' }`
   */
  readonly replicantResources?: NodeResources;
  /** Secret references for the cookie and dashboard password. @default - Secret `<name>-secrets` */
  readonly secrets?: EmqxSecretsSpec;
  /**
   * The license key Secret (`EMQX_LICENSE__KEY`). Required from 5.9 for more than one node;
   * enterprise only before 5.9. The library cannot check the key's content.
   * @default - none (EMQX's built-in community/trial license)
   */
  readonly license?: SecretKeyRef;
  /** Zone spreading of cores. @default ZoneSpread.HARD */
  readonly coreZoneSpread?: ZoneSpread;
  /** Zone spreading of replicants. @default ZoneSpread.SOFT */
  readonly replicantZoneSpread?: ZoneSpread;
  /** The node label that names a zone. @default 'topology.kubernetes.io/zone' */
  readonly zoneTopologyKey?: string;
  /** Seconds a node gets to hand over connections and stop on shutdown. @default 60 (the operator backend cannot set it: 30) */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * The MQTT listeners. Every listener not declared here is disabled explicitly in emqx.conf.
   * @default - one TCP listener on 1883
   */
  readonly listeners?: ListenerSpec[];
  /** Cluster-wide MQTT protocol limits. @default - EMQX's defaults */
  readonly mqtt?: MqttLimitsSpec;
  /**
   * Prometheus Operator monitoring: a ServiceMonitor or PodMonitor, alert rules sized from this
   * topology, and a Grafana dashboard (needs the Prometheus Operator CRDs in the cluster).
   * @default - none
   */
  readonly monitoring?: MonitoringSpec;
  /**
   * NetworkPolicies: default deny for the EMQX pods, then exactly distribution + gen_rpc between them,
   * DNS, the API server (k8s discovery), each listener from its peers and the dashboard from
   * `dashboardFrom`. Rendered unless disabled with a reason.
   * @default - rendered; NLB listeners need `vpcCidrs`, k8s discovery `apiServer`, monitoring `dashboardFrom`
   */
  readonly networkPolicies?: NetworkPoliciesSpec;
  /**
   * The cluster-wide authentication chain, tried in order. Without one, EMQX lets every client in.
   * @default - none (anonymous access; the checks flag it on an NLB)
   */
  readonly authentication?: Authenticator[];
  /** The node-local authentication cache (EMQX 5.9+). @default - off (EMQX's default) */
  readonly authenticationCache?: AuthenticationCacheSpec;
  /** Authorization: no_match (written on every version), deny action, cache and sources. @default - no_match deny, EMQX's default sources */
  readonly authorization?: AuthorizationSpec;
  /** Kafka producers, InfluxDB writers and the rules that feed them. @default - none */
  readonly integrations?: IntegrationsSpec;
  /** Durable sessions (EMQX 5.8+; clusters need the enterprise builtin_raft backend). @default - off */
  readonly durableSessions?: DurableSessionsSpec;
  /** MQTT bridges to remote brokers (what a `Federation` gives each plant). @default - none */
  readonly mqttBridges?: MqttBridgeSpec[];
  /** A scheduled data export to S3 (EMQX 5.4+ REST API). @default - none */
  readonly backup?: BackupSpec;
  /** EMQX's console log level. @default 'warning' */
  readonly logLevel?: 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical';
  /** The dashboard / REST API / health / metrics port (`dashboard.listeners.http.bind`). @default 18083 */
  readonly dashboardPort?: number;
  /** Extra labels on every object (never used in selectors). @default - none */
  readonly labels?: Record<string, string>;
  /**
   * EMQX 6.3's security profile (`EMQX_SECURITY_PROFILE`): `hardened` or `legacy` (EMQX 6.3's own default), for every
   * node. Refused before 6.3. `legacy` is reported by the warning `EMQX-LegacySecurityProfile`.
   * @default 'hardened' on 6.3+ (EMQX's planned 7.0 default; the library's output satisfies it)
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * EMQX 6.3's feature gates (`EMQX_FEATURES`): `'minimal'` starts what the spec needs (dashboard, which the probes,
   * the REST API and the backup job need; metrics when monitored; data integration with integrations or bridges),
   * `'full'` leaves every feature on (EMQX's default), or a list of feature names (checked to hold what the spec
   * needs). Refused before 6.3.
   * @default 'minimal' on 6.3+
   */
  readonly features?: 'minimal' | 'full' | EmqxFeature[];
  /**
   * Pod and workload settings (scheduling, pull secrets, pod metadata, env, volumes, sidecars, probes, PDB), for both
   * roles or per role, on both workload backends (docs/WORKLOAD.md).
   * @default - none: the library's pods as they are
   */
  readonly workload?: WorkloadSettings;
  /**
   * Annotations of the Services the library renders besides the NLB ones (those take `Exposure.awsNlb({ annotations })`),
   * e.g. for a service mesh or an external-DNS controller. The EMQX Operator creates the headless Service itself, so
   * `headless` is refused with that backend.
   * @default - none
   */
  readonly serviceAnnotations?: ServiceAnnotations;
  /**
   * emqx.conf settings the typed spec does not model (yet), as HOCON text or plain data, for every node or per role:
   * the escape hatch for EMQX settings. Read at synth (invalid HOCON is an error with its line), merged into the
   * role's emqx.conf (so part of the config hash: a change rolls the pods), and refused where it sets a key the
   * library writes (use the typed setting). Keys EMQX does not know stop a node at boot: CI's emqx-conf-check
   * validates them against EMQX's schema (docs/WORKLOAD.md).
   * @default - none
   */
  readonly extraConfig?: ExtraConfig;
  /**
   * Findings of named checks (docs/CHECKS.md) accepted for this cluster, each with its reason
   * (at least 10 characters). Acknowledged errors no longer fail synthesis; they stay in the report.
   * @default - none
   */
  readonly acknowledgements?: Acknowledgement[];
  /**
   * What runs the nodes: the library's own StatefulSet and Deployment, or an `EMQX` custom resource
   * for the EMQX Operator (`WorkloadBackend.emqxOperator()`; docs/OPERATOR.md).
   * @default WorkloadBackend.native()
   */
  readonly backend?: WorkloadBackend;
}

/** Object names, derived once from the cluster name. */
export interface ClusterNames {
  /** `<name>-core`. */
  readonly coreStatefulSet: string;
  /** `<name>-replicant`. */
  readonly replicantDeployment: string;
  /** `<name>-headless`. */
  readonly headlessService: string;
  /** `<name>-dashboard`. */
  readonly dashboardService: string;
  /** `<name>-config`. */
  readonly configMap: string;
  /** `<name>`. */
  readonly serviceAccount: string;
  /** `<name>-discovery` (k8s discovery only). */
  readonly discoveryRole: string;
  /** `<name>-core`. */
  readonly corePdb: string;
  /** `<name>-replicant`. */
  readonly replicantPdb: string;
  /** The ClusterIP Service of the listeners exposed in-cluster. */
  readonly listenerService: string;
  /** The backup CronJob and its ServiceAccount. */
  readonly backupJob: string;
  /** The self-signed Issuer that starts the development CA chain (`Tls.selfSignedCa()`). */
  readonly selfSignedIssuer: string;
  /** The development CA: its Certificate, its Secret and the Issuer that signs with it. */
  readonly devCa: string;
  /** The headless Service over every node that the ServiceMonitor scrapes. */
  readonly metricsService: string;
  /** The ServiceMonitor or PodMonitor. */
  readonly scrapeConfig: string;
  /** The PrometheusRule. */
  readonly alertRules: string;
  /** The Grafana dashboard ConfigMap. */
  readonly grafanaDashboard: string;
}

/** Every port EMQX uses, decided once. */
export interface ClusterPorts {
  /** Erlang distribution: 4370 + the numeric suffix of the node short name (ekka_dist). */
  readonly distribution: number;
  /** gen_rpc with `port_discovery = manual`: 5369. */
  readonly genRpc: number;
  /** Dashboard, REST API, `/status` and Prometheus. */
  readonly dashboard: number;
}

/** The spec with every default applied and every rule checked. */
export interface ResolvedEmqxCluster {
  /** The cluster's name. */
  readonly name: string;
  /** The namespace (from the spec or the chart). */
  readonly namespace: string;
  /** The exact EMQX release. */
  readonly version: EmqxVersion;
  /** The edition (open source or enterprise). */
  readonly edition: EmqxEdition;
  /** The container image, pinned to the release. */
  readonly image: string;
  /** Number of core nodes. */
  readonly cores: number;
  /** Number of replicant nodes. */
  readonly replicants: number;
  /** How nodes find each other. */
  readonly discovery: Discovery;
  /** The Kubernetes cluster domain. */
  readonly clusterDomain: string;
  /** The node name's short part (`<short>@<host>`). */
  readonly nodeShortName: string;
  /** The cores' data volume. */
  readonly storage: {
    /** PVC size. */
    readonly size: string;
    /** Storage class (the cluster's default when unset). */
    readonly storageClassName?: string;
  };
  /** Core container resources. */
  readonly coreResources: NodeResources;
  /** Replicant container resources. */
  readonly replicantResources: NodeResources;
  /** The Secrets of the node cookie and dashboard password. */
  readonly secrets: {
    /** The Erlang cookie. */
    readonly cookie: SecretKeyRef;
    /** The dashboard's admin password. */
    readonly dashboardPassword: SecretKeyRef;
  };
  /** The license key, when there is one. */
  readonly license?: SecretKeyRef;
  /** How strictly cores spread over zones. */
  readonly coreZoneSpread: ZoneSpread;
  /** How strictly replicants spread over zones. */
  readonly replicantZoneSpread: ZoneSpread;
  /** The node label that names the zone. */
  readonly zoneTopologyKey: string;
  /** Seconds a node gets to stop. */
  readonly terminationGracePeriodSeconds: number;
  /** The client listeners, resolved. */
  readonly listeners: ResolvedListener[];
  /** The listeners on each AWS NLB, keyed by exposure name, in declaration order. */
  readonly nlbListeners: ReadonlyMap<string, ResolvedListener[]>;
  /** EMQX's console log level. */
  readonly logLevel: string;
  /** MQTT limits, as given. */
  readonly mqtt?: MqttLimitsSpec;
  /** Monitoring after defaults, when asked for. */
  readonly monitoring?: ResolvedMonitoring;
  /** NetworkPolicies after defaults. */
  readonly networkPolicies: ResolvedNetworkPolicies;
  /** The root authentication chain. */
  readonly authentication: Authenticator[];
  /** The node authentication cache (5.9+), when on. */
  readonly authenticationCache?: Required<AuthenticationCacheSpec>;
  /** Authorization, resolved. */
  readonly authorization: ResolvedAuthorization;
  /** Integrations, resolved. */
  readonly integrations: ResolvedIntegrations;
  /** Durable sessions, when on. */
  readonly durableSessions?: ResolvedDurableSessions;
  /** MQTT bridges to remote brokers. */
  readonly mqttBridges: MqttBridgeSpec[];
  /** The scheduled data export, when on. */
  readonly backup?: ResolvedBackup;
  /** The emqx.conf sections of the integrations and bridges (connectors, actions, sources, rules), rendered once. */
  readonly dataIntegrationConfig: HoconObject;
  /** Secret values EMQX reads from `EMQX_<PATH>` variables (integrations, authenticators). */
  readonly configSecrets: ConfigSecret[];
  /** Secret files the config names (CA bundles of integrations). */
  readonly configFiles: ConfigFileMount[];
  /** Everything the configuration connects to, for egress NetworkPolicies. */
  readonly egressEndpoints: ConfigEndpoint[];
  /** Client-certificate fields used as username / client id, agreed by every mutual-TLS listener. */
  readonly certificateIdentity: CertificateIdentity;
  /** True when a listener uses `Tls.selfSignedCa()` (the development CA chain is rendered). */
  readonly usesDevCa: boolean;
  /** Every object name. */
  readonly names: ClusterNames;
  /** Every port. */
  readonly ports: ClusterPorts;
  /** Acknowledged check findings, validated for shape. */
  readonly acknowledgements: Acknowledgement[];
  /** `<headless>.<namespace>.svc.<clusterDomain>`: the DNS name discovery queries. */
  readonly discoveryDnsName: string;
  /** The host part of a core's node name, with `$(POD_NAME)` for Kubernetes to expand. */
  readonly coreNodeHost: string;
  /** The host part of a replicant's node name: `$(POD_IP)`. */
  readonly replicantNodeHost: string;
  /** The core node name (`<short>@<coreNodeHost>`). */
  readonly coreNodeName: string;
  /** The node names of every core, in ordinal order. */
  readonly coreNodeNames: string[];
  /** Labels added to every object. */
  readonly labels: Record<string, string>;
  /** The pod and workload settings per role. */
  readonly workload: ResolvedWorkloadSettings;
  /** The user's annotations per Service. */
  readonly serviceAnnotations: Required<ServiceAnnotations>;
  /** The extra emqx.conf settings, read. */
  readonly extraConfig: ResolvedExtraConfig;
  /** The security profile and feature gates (6.3+). */
  readonly runtime: ResolvedRuntimeProfile;
  /** The EMQX Operator settings when the operator runs the nodes; undefined for the native backend. */
  readonly operator?: ResolvedEmqxOperator;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The most core nodes a spec may ask for (a sanity bound of this library, not of EMQX). */
export const MAX_CORES = 99;

/** The base of the Erlang distribution port (ekka_dist DEFAULT_PORT). */
export const DISTRIBUTION_BASE_PORT = 4370;
/** gen_rpc's server port with manual port discovery (the Docker entrypoint's default mode). */
export const GEN_RPC_PORT = 5369;

/** The Erlang distribution port ekka uses for a short node name: 4370 + its trailing integer (mod 60000). */
export function distributionPort(nodeShortName: string): number {
  const m = /(\d+)$/.exec(nodeShortName);
  const offset = m ? Number(m[1]) % 60000 : 0;
  return DISTRIBUTION_BASE_PORT + offset;
}

function resources(field: string, r: NodeResources | undefined, dflt: NodeResources): NodeResources {
  const out = r ?? dflt;
  knownKeys(field, r, RESOURCES_KEYS);
  for (const kind of ['requests', 'limits'] as const) knownKeys(`${field}.${kind}`, out[kind], QUANTITIES_KEYS);
  for (const kind of ['requests', 'limits'] as const) {
    for (const r of ['cpu', 'memory'] as const) if (out[kind]?.[r] !== undefined) quantity(`${field}.${kind}.${r}`, out[kind]?.[r], { nonNegative: true });
  }
  return out;
}

/** The integrations and bridges with every buffer bound explicit (see buffer-budget.ts). */
function boundBuffers(integrations: ResolvedIntegrations, bridges: MqttBridgeSpec[], memoryBytes: number | undefined): { integrations: ResolvedIntegrations; bridges: MqttBridgeSpec[] } {
  const plan = planBuffers(memoryBytes, [...integrationBufferNeeds(integrations), ...bridgeBufferNeeds(bridges)]);
  return {
    integrations: withBufferBounds(integrations, (spec, kind) => plan.get(`${kind.kind}:${spec.name}`)),
    bridges: bridges.map((b) => (plan.has(`bridge:${b.name}`) ? { ...b, maxBufferBytes: plan.get(`bridge:${b.name}`) } : b)),
  };
}

/** Secret files authenticators read: built-in database bootstrap users (5.8+) and HTTP services' CA bundles. */
function authenticatorFiles(cluster: Authenticator[], listeners: ResolvedListener[], version: EmqxVersion): ConfigFileMount[] {
  const all = [...cluster, ...listeners.flatMap((l) => l.authentication)];
  const cas = new Map<string, ConfigFileMount>();
  for (const f of all.filter((a) => a.kind === 'http').flatMap((a) => a.files)) {
    cas.set(f.mountPath, { volumeName: f.mountPath.split('/').pop()!.slice(0, 63), mountPath: f.mountPath, fileName: f.fileName, ref: f.ref });
  }
  const files = all.filter((a) => a.kind === 'built_in_database').flatMap((a) => a.files);
  if (files.length && !version.hasBuiltInDatabaseBootstrap) {
    throw new EmqxSpecError('authentication.bootstrapUsers', files[0].ref.secretName, `EMQX ${version} has no bootstrap_file for the built-in database (it exists from 5.8)`, 'create the users through the REST API, or use EMQX 5.8 or newer');
  }
  const seen = new Map<string, ConfigFileMount>();
  for (const f of files) seen.set(f.mountPath, { volumeName: 'bootstrap-users', mountPath: f.mountPath, fileName: f.fileName, ref: f.ref });
  if (seen.size > 1 || new Set(files.map((f) => `${f.ref.secretName}/${f.ref.key}`)).size > 1) {
    throw new EmqxSpecError('authentication.bootstrapUsers', files.map((f) => f.ref.secretName), 'names two different user files; EMQX has one built-in database', 'use one bootstrapUsers Secret');
  }
  return [...seen.values(), ...cas.values()];
}

/** Turning a protection off with a reason acknowledges its check with that reason. */
function withImplicitAcknowledgements(acks: Acknowledgement[], policies: ResolvedNetworkPolicies): Acknowledgement[] {
  if (policies.disabledReason === undefined || acks.some((a) => a.id === 'EMQX-NetworkPoliciesDisabled')) return acks;
  return [...acks, { id: 'EMQX-NetworkPoliciesDisabled', reason: policies.disabledReason }];
}

/** `mqtt.peer_cert_as_username/clientid` are cluster-wide in EMQX: every mutual-TLS listener must agree. */
function agreeCertificateIdentity(listeners: ResolvedListener[]): CertificateIdentity {
  const out: { username?: string; clientId?: string } = {};
  const from: Record<string, string> = {};
  listeners.forEach((l, i) => {
    const tls = l.tls as ResolvedPodTls | undefined;
    for (const [key, v] of [['username', tls?.usernameFrom], ['clientId', tls?.clientIdFrom]] as const) {
      if (v === undefined) continue;
      if (out[key] !== undefined && out[key] !== v) {
        const field = key === 'username' ? 'usernameFrom' : 'clientIdFrom';
        throw new EmqxSpecError(`listeners[${i}].tls.mutualTls.${field}`, v, `EMQX has one mqtt.peer_cert_as_${key.toLowerCase()} for the whole cluster, and ${from[key]} asks for '${out[key]}'`, `use the same ${field} on every mutual-TLS listener`);
      }
      out[key] = v;
      from[key] = `listeners.${l.type}.${l.name}`;
    }
  });
  return out;
}

/**
 * Applies defaults and checks every rule that makes a spec impossible for the chosen version,
 * edition or Kubernetes. Throws {@link EmqxSpecError} naming the field, the value and the fix.
 */
const CLUSTER_SPEC_KEYS = allKeys<EmqxClusterSpec>()([
  'name', 'namespace', 'version', 'edition', 'imageRepository', 'cores', 'replicants', 'discovery', 'clusterDomain', 'nodeShortName',
  'storage', 'coreResources', 'replicantResources', 'secrets', 'license', 'coreZoneSpread', 'replicantZoneSpread', 'zoneTopologyKey',
  'terminationGracePeriodSeconds', 'listeners', 'dashboardPort', 'logLevel', 'mqtt', 'monitoring', 'networkPolicies', 'authentication',
  'authenticationCache', 'authorization', 'integrations', 'durableSessions', 'mqttBridges', 'backup', 'acknowledgements', 'labels', 'backend',
  'workload', 'serviceAnnotations', 'extraConfig', 'securityProfile', 'features',
]);
const STORAGE_KEYS = allKeys<CoreStorageSpec>()(['size', 'storageClassName']);
const RESOURCES_KEYS = allKeys<NodeResources>()(['requests', 'limits']);
const QUANTITIES_KEYS = allKeys<ResourceQuantities>()(['cpu', 'memory']);

export function resolveClusterSpec(spec: EmqxClusterSpec, defaults: { namespace?: string } = {}): ResolvedEmqxCluster {
  if (!spec || typeof spec !== 'object') throw new EmqxSpecError('spec', spec, 'is not a cluster spec', 'pass an object with at least name and version');
  knownKeys('', spec, CLUSTER_SPEC_KEYS);
  knownKeys('storage', spec.storage, STORAGE_KEYS);
  const name = spec.name;
  if (typeof name !== 'string' || !DNS1035_LABEL.test(name) || name.length > 40) {
    throw new EmqxSpecError('name', name, 'is not a valid cluster name', 'use at most 40 lowercase letters, digits and "-", starting with a letter (e.g. "plant-east")');
  }
  const namespace = spec.namespace ?? defaults.namespace ?? 'default';
  if (typeof namespace !== 'string' || !DNS1123_LABEL.test(namespace) || namespace.length > 63) {
    throw new EmqxSpecError('namespace', namespace, 'is not a valid namespace', 'use a DNS label: lowercase letters, digits and "-"');
  }
  if (spec.version === undefined) throw new EmqxSpecError('version', undefined, 'is required', "set version, e.g. EmqxVersion.of('5.8.9')");
  const version = spec.version instanceof EmqxVersion ? spec.version : EmqxVersion.of(spec.version as string, 'version');
  const edition = spec.edition ?? version.defaultEdition;
  if (edition !== EmqxEdition.OPEN_SOURCE && edition !== EmqxEdition.ENTERPRISE) {
    throw new EmqxSpecError('edition', edition, 'is not an edition', 'use EmqxEdition.OPEN_SOURCE or EmqxEdition.ENTERPRISE');
  }
  if (!edition.isEnterprise && !version.hasOpenSourceEdition) {
    throw new EmqxSpecError('edition', edition.name, `EMQX ${version} has no open-source edition (open source ends with 5.8.x; from 5.9 there is one BSL edition)`, 'use EmqxEdition.ENTERPRISE (a license Secret is needed for more than one node), or version 5.8.x for open source');
  }
  if (!version.shippedIn(edition)) {
    const same = releasesOfLine(version.line).filter((r) => EmqxVersion.of(r).shippedIn(edition));
    throw new EmqxSpecError('version', version.version, `was not released as ${edition.isEnterprise ? 'enterprise' : 'open-source'} EMQX (its image tag would not exist)`, `use one of ${same.join(', ')}, or the other edition`);
  }
  const backend = spec.backend ?? WorkloadBackend.native();
  if (!(backend instanceof WorkloadBackend)) throw new EmqxSpecError('backend', backend, 'is not a workload backend', 'use WorkloadBackend.native() or WorkloadBackend.emqxOperator()');
  const operator = backend.kind === 'emqx-operator' ? resolveEmqxOperator(backend.operatorOptions ?? {}, version) : undefined;
  if (operator) checkOperatorSpec(spec);
  // a sanity bound, not an EMQX limit: every core is named in certificates, seeds and alerts, and a count in
  // the hundreds is a typo (an inventory's 1e9 made the library build a billion node names)
  const cores = wholeNumber('cores', spec.cores ?? 3, 1, 'run 1 to 99 core nodes (3 for production)', MAX_CORES);
  const replicants = wholeNumber('replicants', spec.replicants ?? 0, 0, 'use 0 for a core-only cluster (at most a Kubernetes int32)');
  if (replicants > 0 && !version.hasReplicants(edition)) {
    throw new EmqxSpecError('replicants', replicants, `open-source EMQX ${version} has no replicant role (removed from open source in 5.8.0)`, `set replicants: 0 and scale cores instead, or use edition: EmqxEdition.ENTERPRISE`);
  }
  const license = spec.license ? secretKeyRef('license', spec.license) : undefined;
  if (license && !version.hasLicenseRoot(edition)) {
    throw new EmqxSpecError('license', license, `open-source EMQX ${version} has no license setting (EMQX would silently ignore it)`, 'remove license, or use edition: EmqxEdition.ENTERPRISE');
  }
  if (version.clusterNeedsLicense && cores + replicants > 1 && !license) {
    throw new EmqxSpecError('license', undefined, `EMQX ${version} runs more than one node (${cores} cores + ${replicants} replicants) only with a license key`, "set license: { secretName: 'emqx-license', key: 'license.key' } (a Secret you create), or run a single node");
  }
  const discovery = spec.discovery ?? Discovery.dnsSrv();
  if (!(discovery instanceof Discovery)) throw new EmqxSpecError('discovery', discovery, 'is not a discovery strategy', 'use Discovery.dnsSrv(), Discovery.kubernetes() or Discovery.staticSeeds()');
  if (discovery.apiServer !== undefined && !/^https?:\/\/[^\s]+$/.test(discovery.apiServer)) {
    throw new EmqxSpecError('discovery.apiServer', discovery.apiServer, 'is not a URL', "use e.g. 'https://kubernetes.default.svc:443'");
  }
  const clusterDomain = spec.clusterDomain ?? 'cluster.local';
  if (typeof clusterDomain !== 'string' || !DNS1123_SUBDOMAIN.test(clusterDomain)) {
    throw new EmqxSpecError('clusterDomain', clusterDomain, 'is not a DNS domain', "use your cluster's DNS domain, e.g. 'cluster.local'");
  }
  const nodeShortName = spec.nodeShortName ?? 'emqx';
  if (typeof nodeShortName !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/.test(nodeShortName)) {
    throw new EmqxSpecError('nodeShortName', nodeShortName, 'is not a valid node short name', "use lowercase letters, digits, '-' and '_', starting with a letter (default 'emqx')");
  }
  if (spec.imageRepository !== undefined && (typeof spec.imageRepository !== 'string' || !/^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?$/.test(spec.imageRepository) || /[@]|:[^/]*$/.test(spec.imageRepository))) {
    throw new EmqxSpecError('imageRepository', spec.imageRepository, 'is not an image repository without tag or digest', "give the repository only, e.g. '123456789012.dkr.ecr.eu-west-1.amazonaws.com/emqx/emqx-enterprise' (the tag is always the version)");
  }
  const size = spec.storage?.size ?? '10Gi';
  quantity('storage.size', size, { nonNegative: true });
  const storageClassName = spec.storage?.storageClassName;
  if (storageClassName !== undefined && !DNS1123_SUBDOMAIN.test(storageClassName)) {
    throw new EmqxSpecError('storage.storageClassName', storageClassName, 'is not a valid StorageClass name', 'use the name of an existing StorageClass, e.g. "gp3"');
  }
  const dashboard = tcpPort('dashboardPort', spec.dashboardPort ?? 18083);
  const ports: ClusterPorts = { distribution: distributionPort(nodeShortName), genRpc: GEN_RPC_PORT, dashboard };
  if (ports.distribution === ports.genRpc) {
    throw new EmqxSpecError('nodeShortName', nodeShortName, `its trailing number gives the Erlang distribution port ${DISTRIBUTION_BASE_PORT} + ${ports.distribution - DISTRIBUTION_BASE_PORT} = ${ports.distribution}, gen_rpc's port`, "use a short name without a trailing number (default 'emqx'), or another number");
  }
  const reserved = new Map<number, string>([
    [ports.distribution, 'the Erlang distribution'],
    [ports.genRpc, 'gen_rpc'],
  ]);
  if (reserved.has(dashboard)) throw new EmqxSpecError('dashboardPort', dashboard, `port ${dashboard} is used by ${reserved.get(dashboard)}`, 'choose another port (default 18083)');
  reserved.set(dashboard, 'the dashboard');
  const names: ClusterNames = {
    coreStatefulSet: `${name}-core`,
    replicantDeployment: `${name}-replicant`,
    headlessService: `${name}-headless`,
    dashboardService: `${name}-dashboard`,
    configMap: `${name}-config`,
    serviceAccount: name,
    discoveryRole: `${name}-discovery`,
    corePdb: `${name}-core`,
    replicantPdb: `${name}-replicant`,
    listenerService: `${name}-mqtt`,
    backupJob: `${name}-backup`,
    selfSignedIssuer: `${name}-selfsigned`,
    devCa: `${name}-dev-ca`,
    metricsService: `${name}-metrics`,
    scrapeConfig: name,
    alertRules: `${name}-alerts`,
    grafanaDashboard: `${name}-grafana-dashboard`,
  };
  const listeners = resolveListeners(spec.listeners, {
    clusterName: name,
    namespace,
    clusterDomain,
    version,
    cores,
    // the operator names its StatefulSet after a template hash: its pods' names are not known here
    corePodNames: operator ? 'wildcard' : 'ordinal',
    coreStatefulSet: names.coreStatefulSet,
    headlessService: names.headlessService,
    listenerService: names.listenerService,
    devCaIssuer: names.devCa,
    reserved,
    reservedServiceNames: new Map([
      [names.headlessService, 'the headless discovery Service'],
      [names.dashboardService, 'the dashboard Service'],
      [names.listenerService, 'the in-cluster listener Service'],
      [names.metricsService, 'the metrics Service'],
    ]),
  });
  const nlbListeners = groupNlbListeners(listeners);
  validateMqttLimits(spec.mqtt);
  const certificateIdentity = agreeCertificateIdentity(listeners);
  const monitoring = resolveMonitoring(spec.monitoring, version);
  if (discovery.strategy === 'singleton') {
    if (!version.hasSingletonDiscovery) throw new EmqxSpecError('discovery', 'singleton', `EMQX ${version} has no singleton discovery (added in 5.8.0)`, 'use EMQX 5.8 or newer, or another discovery');
    if (cores !== 1 || replicants !== 0) throw new EmqxSpecError('discovery', 'singleton', `a singleton node clusters with nobody, but the spec has ${cores} cores and ${replicants} replicants`, 'set cores: 1 and replicants: 0, or use Discovery.dnsSrv()');
  }
  const authentication = validateAuthenticators('authentication', spec.authentication);
  const coreResources = resources('coreResources', spec.coreResources, { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } });
  const replicantResources = resources('replicantResources', spec.replicantResources, { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } });
  const declaredBridges = spec.mqttBridges ?? [];
  declaredBridges.forEach((b, i) => validateMqttBridge(`mqttBridges[${i}]`, b));
  if (new Set(declaredBridges.map((b) => b.name)).size !== declaredBridges.length) throw new EmqxSpecError('mqttBridges', declaredBridges.map((b) => b.name), 'has two bridges of one name', 'name each bridge once');
  // every buffer gets an explicit bound: the user's, or a share of the smallest node's memory (buffer-budget.ts)
  const bounded = boundBuffers(resolveIntegrations(spec.integrations, version, edition), declaredBridges, smallestClusterNodeMemory({ coreResources, replicantResources, replicants }));
  const integrations = bounded.integrations;
  const mqttBridges = bounded.bridges;
  const rendered = renderIntegrations(integrations, version);
  const bridged = renderMqttBridges(mqttBridges, version);
  let dataIntegrationConfig: HoconObject;
  try {
    dataIntegrationConfig = mergeHocon(rendered.config, bridged.config);
  } catch (e) {
    throw new EmqxSpecError('integrations.rules', (e as Error).message, 'a rule or integration name collides with a generated bridge name', 'rename the rule (bridge rules are named <bridge>_up_<n> / <bridge>_down_<n>)');
  }
  const configSecrets: ConfigSecret[] = [
    ...authentication.flatMap((a, i) => a.secrets.map((s) => ({ path: `authentication.${i + 1}.${s.path}`, ref: secretKeyRef(`authentication[${i}].${s.path}`, s.ref) }))),
    ...listeners.flatMap((l) => l.authentication.flatMap((a, i) => a.secrets.map((s) => ({ path: `listeners.${l.emqxType}.${l.emqxName}.authentication.${i + 1}.${s.path}`, ref: s.ref })))),
    ...rendered.secrets.map((s) => ({ path: s.path, ref: secretKeyRef(s.path, s.ref) })),
    ...bridged.secrets.map((s) => ({ path: s.path, ref: secretKeyRef(s.path, s.ref) })),
  ];
  const authorization = resolveAuthorization(spec.authorization, version);
  const egressEndpoints: ConfigEndpoint[] = [
    ...authentication.flatMap((a) => a.endpoints),
    ...listeners.flatMap((l) => l.authentication.flatMap((a) => a.endpoints)),
    ...authorization.sources.flatMap((s) => s.endpoints),
    ...rendered.endpoints,
    ...bridged.endpoints,
  ];
  const networkPolicies = resolveNetworkPolicies(spec.networkPolicies, { discovery, hasNlb: nlbListeners.size > 0, hasMonitoring: monitoring !== undefined });
  const tgps = wholeNumber('terminationGracePeriodSeconds', spec.terminationGracePeriodSeconds ?? (operator ? 30 : 60), 0, 'give nodes time to stop cleanly, e.g. 60');
  const logLevel = spec.logLevel ?? 'warning';
  if (!['debug', 'info', 'notice', 'warning', 'error', 'critical'].includes(logLevel)) {
    throw new EmqxSpecError('logLevel', logLevel, 'is not a log level', 'use debug, info, notice, warning, error or critical');
  }
  const zoneTopologyKey = spec.zoneTopologyKey ?? 'topology.kubernetes.io/zone';
  for (const [field, v] of [['coreZoneSpread', spec.coreZoneSpread], ['replicantZoneSpread', spec.replicantZoneSpread]] as const) {
    if (v !== undefined && !Object.values(ZoneSpread).includes(v)) throw new EmqxSpecError(field, v, 'is not a zone spread', 'use ZoneSpread.HARD, ZoneSpread.SOFT or ZoneSpread.NONE');
  }
  for (const [k, v] of Object.entries(labelMap('labels', spec.labels))) {
    if (k.startsWith('app.kubernetes.io/')) throw new EmqxSpecError(`labels.${k}`, v, 'app.kubernetes.io/* labels are set by the library (they select pods)', 'use another label key');
  }

  const discoveryDnsName = `${names.headlessService}.${namespace}.svc.${clusterDomain}`;
  const defaultSecret = `${name}-secrets`;
  const resolved: Omit<ResolvedEmqxCluster, 'workload'> = {
    name,
    namespace,
    version,
    edition,
    image: `${spec.imageRepository ?? edition.repository}:${version.version}`,
    cores,
    replicants,
    discovery,
    clusterDomain,
    nodeShortName,
    storage: { size, storageClassName },
    coreResources,
    replicantResources,
    secrets: {
      cookie: secretKeyRef('secrets.cookie', spec.secrets?.cookie ?? { secretName: defaultSecret, key: 'node-cookie' }),
      dashboardPassword: secretKeyRef('secrets.dashboardPassword', spec.secrets?.dashboardPassword ?? { secretName: defaultSecret, key: 'dashboard-password' }),
    },
    license,
    coreZoneSpread: spec.coreZoneSpread ?? ZoneSpread.HARD,
    replicantZoneSpread: spec.replicantZoneSpread ?? ZoneSpread.SOFT,
    zoneTopologyKey,
    terminationGracePeriodSeconds: tgps,
    listeners,
    nlbListeners,
    logLevel,
    mqtt: spec.mqtt,
    monitoring,
    networkPolicies,
    authentication,
    authenticationCache: resolveAuthenticationCache(spec.authenticationCache, version),
    authorization,
    integrations,
    durableSessions: resolveDurableSessions(spec.durableSessions, { version, edition, cores, replicants, singleton: discovery.strategy === 'singleton' }),
    dataIntegrationConfig,
    configSecrets,
    mqttBridges,
    backup: resolveBackup(spec.backup, { version, namespace, name }),
    configFiles: [...rendered.files, ...bridged.files, ...authenticatorFiles(authentication, listeners, version)],
    egressEndpoints,
    certificateIdentity,
    usesDevCa: spec.listeners?.some((l) => l.tls?.source === 'self-signed-ca') ?? false,
    names,
    ports,
    discoveryDnsName,
    coreNodeHost: `$(POD_NAME).${discoveryDnsName}`,
    replicantNodeHost: '$(POD_IP)',
    coreNodeName: `${nodeShortName}@$(POD_NAME).${discoveryDnsName}`,
    coreNodeNames: Array.from({ length: cores }, (_, i) => `${nodeShortName}@${names.coreStatefulSet}-${i}.${discoveryDnsName}`),
    labels: { ...(spec.labels ?? {}) },
    acknowledgements: withImplicitAcknowledgements(validateAcknowledgements(spec.acknowledgements), networkPolicies),
    operator,
    serviceAnnotations: resolveServiceAnnotations(spec.serviceAnnotations, operator !== undefined),
    extraConfig: resolveExtraConfig(spec.extraConfig, operator !== undefined),
    runtime: resolveRuntimeProfile(spec, version, {
      monitoring: monitoring !== undefined,
      dataIntegration: hasAnyIntegration(integrations) || mqttBridges.length > 0,
    }),
  };
  return { ...resolved, workload: resolveWorkloadSettings(spec.workload, podReservations(resolved)) };
}

const SERVICE_ANNOTATION_KEYS = allKeys<ServiceAnnotations>()(['mqtt', 'headless', 'dashboard', 'metrics']);

function resolveServiceAnnotations(spec: ServiceAnnotations | undefined, operator: boolean): Required<ServiceAnnotations> {
  if (spec !== undefined && (spec === null || typeof spec !== 'object' || Array.isArray(spec))) throw new EmqxSpecError('serviceAnnotations', spec, 'is not a map of Services', "e.g. { dashboard: { 'example.com/key': 'value' } }");
  knownKeys('serviceAnnotations', spec, SERVICE_ANNOTATION_KEYS);
  if (operator && spec?.headless !== undefined) {
    throw new EmqxSpecError('serviceAnnotations.headless', spec.headless, 'the EMQX Operator creates the headless Service itself, from no template (apps.emqx.io/v2beta1 and v2 have no headlessServiceTemplate)', 'remove it with WorkloadBackend.emqxOperator(), or use the native backend');
  }
  const map = (k: keyof ServiceAnnotations) => annotationMap(`serviceAnnotations.${k}`, spec?.[k]);
  return { mqtt: map('mqtt'), headless: map('headless'), dashboard: map('dashboard'), metrics: map('metrics') };
}

/**
 * What the EMQX Operator decides itself, so a spec cannot ask for something else: it sets DNS SRV
 * discovery, the node name `emqx@<pod>.<name>-headless...`, the node cookie (its own Secret
 * `<name>-node-cookie`) through environment variables that win over emqx.conf, and its pod templates (v2beta1
 * and v2: api/v2/emqx_types_spec.go) have no `terminationGracePeriodSeconds` (controllers/apps/v2beta1/add_emqx_core.go).
 */
function checkOperatorSpec(spec: EmqxClusterSpec): void {
  const why = 'the EMQX Operator sets it itself (docs/OPERATOR.md)';
  if (spec.discovery !== undefined && spec.discovery.strategy !== 'dns') {
    throw new EmqxSpecError('discovery', spec.discovery.strategy, `${why}: every node gets DNS SRV discovery on <name>-headless`, 'remove discovery (or use Discovery.dnsSrv()) with WorkloadBackend.emqxOperator(), or use the native backend');
  }
  if (spec.nodeShortName !== undefined && spec.nodeShortName !== 'emqx') {
    throw new EmqxSpecError('nodeShortName', spec.nodeShortName, `${why}: node names are emqx@<pod>.<name>-headless...`, "remove nodeShortName (the operator's nodes are 'emqx'), or use the native backend");
  }
  if (spec.secrets?.cookie !== undefined) {
    throw new EmqxSpecError('secrets.cookie', spec.secrets.cookie.secretName, `${why}: it generates the cookie into Secret <name>-node-cookie`, 'remove secrets.cookie with WorkloadBackend.emqxOperator()');
  }
  if (spec.terminationGracePeriodSeconds !== undefined) {
    throw new EmqxSpecError('terminationGracePeriodSeconds', spec.terminationGracePeriodSeconds, 'the EMQX Operator pod templates (apps.emqx.io/v2beta1 and v2) have no such field (pods get the Kubernetes default of 30 s)', 'remove it with WorkloadBackend.emqxOperator(), or use the native backend');
  }
}
