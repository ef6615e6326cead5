// The pod and workload settings a Helm chart or EMQX Operator user sets on day one (scheduling, pull secrets, pod
// metadata, env, volumes, sidecars, probes, disruption budget), typed, per node role, for both workload backends.
// Shapes are Kubernetes' own JSON, restricted to what Pod Security Standard "restricted" allows.
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { SecretKeyRef } from '../model/secret-key-ref';
import { allKeys, annotationMap, dnsLabel, knownKeys, labelMap, objectName, quantity, secretKeyRef } from '../validation/validators';

/** A toleration (Kubernetes `Toleration`). */
export interface Toleration {
  /** The taint key; empty with `Exists` tolerates every taint. @default - every key (with operator Exists) */
  readonly key?: string;
  /** `Equal` (the value must match) or `Exists`. @default 'Equal' */
  readonly operator?: 'Equal' | 'Exists';
  /** The taint value, with `Equal`. @default - none */
  readonly value?: string;
  /** The taint effect tolerated. @default - every effect */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** How long a `NoExecute` taint is tolerated before eviction. @default - forever */
  readonly tolerationSeconds?: number;
}

/** A selector requirement on node labels (Kubernetes `NodeSelectorRequirement`). */
export interface NodeSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the values apply. */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  /** The values (none for Exists/DoesNotExist). @default - none */
  readonly values?: string[];
}

/** A node selector term (Kubernetes `NodeSelectorTerm`). */
export interface NodeSelectorTerm {
  /** Requirements on node labels. @default - none */
  readonly matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on node fields. @default - none */
  readonly matchFields?: NodeSelectorRequirement[];
}

/** A label selector requirement (Kubernetes `LabelSelectorRequirement`). */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the values apply. */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** The values (none for Exists/DoesNotExist). @default - none */
  readonly values?: string[];
}

/** A label selector (Kubernetes `LabelSelector`). */
export interface LabelSelector {
  /** Labels that must match exactly. @default - none */
  readonly matchLabels?: Record<string, string>;
  /** Requirements on labels. @default - none */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/** A pod (anti-)affinity term (Kubernetes `PodAffinityTerm`). */
export interface PodAffinityTerm {
  /** The pods this term is about. @default - none */
  readonly labelSelector?: LabelSelector;
  /** Their namespaces. @default - the pod's own */
  readonly namespaces?: string[];
  /** The topology domain, e.g. `kubernetes.io/hostname`. */
  readonly topologyKey: string;
}

/** A weighted node preference (Kubernetes `PreferredSchedulingTerm`). */
export interface PreferredSchedulingTerm {
  /** The weight, 1 to 100. */
  readonly weight: number;
  /** The nodes preferred. */
  readonly preference: NodeSelectorTerm;
}

/** Node affinity (Kubernetes `NodeAffinity`). */
export interface NodeAffinity {
  /** Hard requirement: the nodes any of whose terms match. @default - none */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: {
    /** The terms (any may match). */
    readonly nodeSelectorTerms: NodeSelectorTerm[];
  };
  /** Preferences. @default - none */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** A weighted pod (anti-)affinity term (Kubernetes `WeightedPodAffinityTerm`). */
export interface WeightedPodAffinityTerm {
  /** The weight, 1 to 100. */
  readonly weight: number;
  /** The term. */
  readonly podAffinityTerm: PodAffinityTerm;
}

/** Required and preferred pod (anti-)affinity terms. */
export interface PodAffinityRules {
  /** Hard requirements. @default - none */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  /** Preferences. @default - none */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/** Node, pod and pod-anti affinity (Kubernetes `Affinity`). */
export interface Affinity {
  /** Node affinity. @default - none */
  readonly nodeAffinity?: NodeAffinity;
  /** Pod affinity. @default - none */
  readonly podAffinity?: PodAffinityRules;
  /** Pod anti-affinity. @default - none */
  readonly podAntiAffinity?: PodAffinityRules;
}

/** An environment variable with a literal value. */
export interface LiteralEnvVar {
  /** The name. */
  readonly name: string;
  /** The value (never a secret: those come from a Secret). */
  readonly value: string;
}

/** An environment variable from a key of a Secret. */
export interface SecretEnvVar {
  /** The name. */
  readonly name: string;
  /** The Secret key. */
  readonly secretKeyRef: SecretKeyRef;
}

/** A key of a ConfigMap. */
export interface ConfigMapKeyRef {
  /** The ConfigMap's name. */
  readonly name: string;
  /** The key. */
  readonly key: string;
}

/** An environment variable from a key of a ConfigMap. */
export interface ConfigMapEnvVar {
  /** The name. */
  readonly name: string;
  /** The ConfigMap key. */
  readonly configMapKeyRef: ConfigMapKeyRef;
}

/** An environment variable from a field of the pod (the downward API). */
export interface FieldEnvVar {
  /** The name. */
  readonly name: string;
  /** The field, e.g. `metadata.name`, `spec.nodeName`, `status.podIP`. */
  readonly fieldPath: string;
}

/** An extra environment variable: a literal, a Secret key, a ConfigMap key or a pod field. */
export type ExtraEnvVar = LiteralEnvVar | SecretEnvVar | ConfigMapEnvVar | FieldEnvVar;

/** Every key of a Secret as environment variables. */
export interface SecretEnvFrom {
  /** The Secret's name. */
  readonly secretRef: string;
  /** A prefix for the variable names. @default - none */
  readonly prefix?: string;
}

/** Every key of a ConfigMap as environment variables. */
export interface ConfigMapEnvFrom {
  /** The ConfigMap's name. */
  readonly configMapRef: string;
  /** A prefix for the variable names. @default - none */
  readonly prefix?: string;
}

/** Every key of a Secret or a ConfigMap as environment variables. */
export type EnvFromSource = SecretEnvFrom | ConfigMapEnvFrom;

/** A key of a Secret or ConfigMap projected to a file. */
export interface KeyToPath {
  /** The key. */
  readonly key: string;
  /** The file name, relative to the mount. */
  readonly path: string;
}

/** A volume of a Secret's keys. */
export interface SecretVolume {
  /** The volume's name. */
  readonly name: string;
  /** The Secret. */
  readonly secret: {
    /** Its name. */
    readonly secretName: string;
    /** The keys to project. @default - every key */
    readonly items?: KeyToPath[];
    /** The files' mode. @default 0o644 */
    readonly defaultMode?: number;
  };
}

/** A volume of a ConfigMap's keys. */
export interface ConfigMapVolume {
  /** The volume's name. */
  readonly name: string;
  /** The ConfigMap. */
  readonly configMap: {
    /** Its name. */
    readonly name: string;
    /** The keys to project. @default - every key */
    readonly items?: KeyToPath[];
    /** The files' mode. @default 0o644 */
    readonly defaultMode?: number;
  };
}

/** A scratch volume for the pod's lifetime. */
export interface EmptyDirVolume {
  /** The volume's name. */
  readonly name: string;
  /** Its settings. */
  readonly emptyDir: {
    /** `Memory` for a tmpfs. @default - the node's disk */
    readonly medium?: 'Memory';
    /** Its size limit (a quantity). @default - none */
    readonly sizeLimit?: string;
  };
}

/** A volume of a PersistentVolumeClaim. */
export interface PersistentVolumeClaimVolume {
  /** The volume's name. */
  readonly name: string;
  /** The claim. */
  readonly persistentVolumeClaim: {
    /** Its name. */
    readonly claimName: string;
    /** Mount it read-only. @default false */
    readonly readOnly?: boolean;
  };
}

/** A volume of a CSI driver (e.g. the Secrets Store CSI driver). */
export interface CsiVolume {
  /** The volume's name. */
  readonly name: string;
  /** The driver and its attributes. */
  readonly csi: {
    /** The driver's name. */
    readonly driver: string;
    /** Mount it read-only. @default false */
    readonly readOnly?: boolean;
    /** The driver's attributes. @default - none */
    readonly volumeAttributes?: Record<string, string>;
  };
}

/** An extra volume, of a kind Pod Security Standard "restricted" allows. */
export type ExtraVolume = SecretVolume | ConfigMapVolume | EmptyDirVolume | PersistentVolumeClaimVolume | CsiVolume;

/** A volume mount of the EMQX container or an extra container. */
export interface ExtraVolumeMount {
  /** The volume's name (an extra volume, or one of the pod's own). */
  readonly name: string;
  /** Where it is mounted. */
  readonly mountPath: string;
  /** A path inside the volume. @default - the whole volume */
  readonly subPath?: string;
  /** Mount read-only. @default false */
  readonly readOnly?: boolean;
}

/** What an extra container may set of its security context (the rest is Pod Security Standard "restricted", always). */
export interface ExtraContainerSecurity {
  /** Mount the root filesystem read-only. @default false */
  readonly readOnlyRootFilesystem?: boolean;
  /** The user id (not 0). @default - the image's user (which must not be root) */
  readonly runAsUser?: number;
  /** The group id. @default - the image's group */
  readonly runAsGroup?: number;
}

/** A named container port. */
export interface ContainerPort {
  /** Its name (at most 15 characters). */
  readonly name: string;
  /** The port. */
  readonly containerPort: number;
}

/** A container's resources, as Kubernetes quantities by resource name. */
export interface ContainerResources {
  /** What the scheduler reserves. @default - none */
  readonly requests?: Record<string, string>;
  /** The ceiling. @default - none */
  readonly limits?: Record<string, string>;
}

/**
 * An init container or sidecar. It always runs with the restricted security context (non-root, no privilege
 * escalation, every capability dropped, the runtime's seccomp profile).
 */
export interface ExtraContainer {
  /** The container's name (not `emqx`). */
  readonly name: string;
  /** Its image, pinned to a tag or digest. */
  readonly image: string;
  /** Its command. @default - the image's entrypoint */
  readonly command?: string[];
  /** Its arguments. @default - the image's */
  readonly args?: string[];
  /** Its environment. @default - none */
  readonly env?: ExtraEnvVar[];
  /** Environment from Secrets or ConfigMaps. @default - none */
  readonly envFrom?: EnvFromSource[];
  /** Ports it listens on (named, for Services or probes). @default - none */
  readonly ports?: ContainerPort[];
  /** Its volume mounts (the pod's volumes, or extra ones). @default - none */
  readonly volumeMounts?: ExtraVolumeMount[];
  /** Its resources (Kubernetes quantities). @default - none */
  readonly resources?: ContainerResources;
  /** What it may set of its security context. @default - restricted, nothing more */
  readonly securityContext?: ExtraContainerSecurity;
}

/** Timings of one probe (EMQX's `/status` on the dashboard port; the path and port stay ours). */
export interface ProbeTimings {
  /** Seconds before the first probe. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default - startup 10, readiness 5, liveness 30 */
  readonly periodSeconds?: number;
  /** Seconds before a probe times out. @default 5 */
  readonly timeoutSeconds?: number;
  /** Failures before the probe fails. @default - startup 30, readiness 3, liveness 3 */
  readonly failureThreshold?: number;
}

/** Pod settings for one node role, or for both (see {@link WorkloadSettings}). */
export interface PodSettings {
  /** Node labels the pods must run on, e.g. `{ 'node-role/broker': 'true' }`. @default - none */
  readonly nodeSelector?: Record<string, string>;
  /** Taints the pods tolerate (dedicated broker nodes, spot nodes). @default - none */
  readonly tolerations?: Toleration[];
  /** Node and pod (anti-)affinity. @default - none (the zone and host spreads still apply) */
  readonly affinity?: Affinity;
  /** The pods' PriorityClass. Native backend only (the EMQX Operator's v2beta1 and v2 templates have no such field). @default - none */
  readonly priorityClassName?: string;
  /** Secrets that pull the image from a private registry. With the EMQX Operator, one list for both roles. @default - none */
  readonly imagePullSecrets?: string[];
  /** When the image is pulled. With the EMQX Operator, one policy for both roles. @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Annotations on the pods only (not on other objects), e.g. a log shipper's. @default - none */
  readonly podAnnotations?: Record<string, string>;
  /** Labels on the pods only (the cluster's `labels` go on every object). Never used in selectors. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Extra environment of the EMQX container. An `EMQX_*` variable sets an EMQX key and wins over emqx.conf. @default - none */
  readonly env?: ExtraEnvVar[];
  /** Environment from Secrets or ConfigMaps. @default - none */
  readonly envFrom?: EnvFromSource[];
  /** Extra pod volumes. @default - none */
  readonly volumes?: ExtraVolume[];
  /** Extra mounts of the EMQX container. @default - none */
  readonly volumeMounts?: ExtraVolumeMount[];
  /** Init containers, run before EMQX starts. @default - none */
  readonly initContainers?: ExtraContainer[];
  /** Sidecar containers beside EMQX. @default - none */
  readonly sidecars?: ExtraContainer[];
  /** Probe timings (e.g. a longer startup for large durable storage). @default - the library's */
  readonly probes?: {
    /** The startup probe. @default - 10 s period, 30 failures */
    readonly startup?: ProbeTimings;
    /** The readiness probe. @default - 5 s period, 3 failures */
    readonly readiness?: ProbeTimings;
    /** The liveness probe. @default - 30 s period, 3 failures */
    readonly liveness?: ProbeTimings;
  };
  /** Pods of the role that may be down at once in voluntary disruptions (the PDB), a count or a percentage. @default 1 */
  readonly maxUnavailable?: number | string;
}

/** Settings of the core StatefulSet only. */
export interface CorePodSettings extends PodSettings {
  /**
   * The StatefulSet's pod management. `Parallel` starts every core at once, so a cold cluster's nodes find each
   * other; `OrderedReady` starts them one by one. Immutable on an existing StatefulSet. Native backend only.
   * @default 'Parallel'
   */
  readonly podManagementPolicy?: 'Parallel' | 'OrderedReady';
}

/**
 * Pod and workload settings: those given here apply to both roles; `cores` and `replicants` add to them or override
 * them (maps merge, lists append, single values replace).
 */
export interface WorkloadSettings extends PodSettings {
  /** Core-only settings (e.g. dedicated broker nodes). @default - none */
  readonly cores?: CorePodSettings;
  /** Replicant-only settings (e.g. spot nodes). @default - none */
  readonly replicants?: PodSettings;
  /** Annotations of the nodes' ServiceAccount (e.g. `eks.amazonaws.com/role-arn` for IRSA). @default - none */
  readonly serviceAccountAnnotations?: Record<string, string>;
}

/** One role's settings, validated and merged. */
export interface ResolvedPodSettings {
  /** Node selector. */
  readonly nodeSelector: Record<string, string>;
  /** Tolerations. */
  readonly tolerations: Toleration[];
  /** Affinity. @default - none */
  readonly affinity?: Affinity;
  /** PriorityClass. @default - none */
  readonly priorityClassName?: string;
  /** Pull Secrets. */
  readonly imagePullSecrets: string[];
  /** Pull policy. */
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** Pod-only annotations. */
  readonly podAnnotations: Record<string, string>;
  /** Pod-only labels. */
  readonly podLabels: Record<string, string>;
  /** Extra env. */
  readonly env: ExtraEnvVar[];
  /** Env from sources. */
  readonly envFrom: EnvFromSource[];
  /** Extra volumes. */
  readonly volumes: ExtraVolume[];
  /** Extra mounts. */
  readonly volumeMounts: ExtraVolumeMount[];
  /** Init containers. */
  readonly initContainers: ExtraContainer[];
  /** Sidecars. */
  readonly sidecars: ExtraContainer[];
  /** Probe timings. */
  readonly probes: {
    /** The startup probe's. */
    readonly startup: ProbeTimings;
    /** The readiness probe's. */
    readonly readiness: ProbeTimings;
    /** The liveness probe's. */
    readonly liveness: ProbeTimings;
  };
  /** PDB maxUnavailable. */
  readonly maxUnavailable: number | string;
  /** StatefulSet pod management (cores). */
  readonly podManagementPolicy: 'Parallel' | 'OrderedReady';
}

/** Both roles' settings and the ServiceAccount's annotations. */
export interface ResolvedWorkloadSettings {
  /** The core pods'. */
  readonly core: ResolvedPodSettings;
  /** The replicant pods'. */
  readonly replicant: ResolvedPodSettings;
  /** The ServiceAccount's annotations. */
  readonly serviceAccountAnnotations: Record<string, string>;
}

const POD_KEYS = allKeys<PodSettings>()([
  'nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'imagePullSecrets', 'imagePullPolicy', 'podAnnotations', 'podLabels',
  'env', 'envFrom', 'volumes', 'volumeMounts', 'initContainers', 'sidecars', 'probes', 'maxUnavailable',
]);
const CORE_KEYS = [...POD_KEYS, 'podManagementPolicy'];
const WORKLOAD_KEYS = [...POD_KEYS, 'cores', 'replicants', 'serviceAccountAnnotations'];
const CONTAINER_KEYS = allKeys<ExtraContainer>()(['name', 'image', 'command', 'args', 'env', 'envFrom', 'ports', 'volumeMounts', 'resources', 'securityContext']);
const TOLERATION_KEYS = allKeys<Toleration>()(['key', 'operator', 'value', 'effect', 'tolerationSeconds']);
const PROBE_KEYS = allKeys<ProbeTimings>()(['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold']);
/** Security-context fields that Pod Security Standard "restricted" fixes (the library sets them). */
const PSS_FIELDS = ['privileged', 'allowPrivilegeEscalation', 'capabilities', 'runAsNonRoot', 'seccompProfile', 'procMount', 'seLinuxOptions', 'windowsOptions', 'appArmorProfile'];
/** Kubernetes' environment variable names (IsEnvVarName). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const list = <T>(field: string, v: unknown, example: string): T[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new EmqxSpecError(field, v, 'is not a list', `write it as a list, e.g. ${example}`);
  v.forEach((x, i) => {
    if (x === null || x === undefined) throw new EmqxSpecError(`${field}[${i}]`, x, 'is empty', 'remove the entry');
  });
  return v as T[];
};

const object = (field: string, v: unknown): void => {
  if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) throw new EmqxSpecError(field, v, 'is not an object', 'write it as a map of settings');
};

const wholeNumber = (field: string, v: unknown, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new EmqxSpecError(field, v, `is not a whole number from ${min} to ${max}`, `give e.g. ${Math.max(min, 1)}`);
  return v;
};

function validateToleration(field: string, t: Toleration): void {
  object(field, t);
  knownKeys(field, t, TOLERATION_KEYS);
  if (t.operator !== undefined && t.operator !== 'Equal' && t.operator !== 'Exists') throw new EmqxSpecError(`${field}.operator`, t.operator, 'is not Equal or Exists', "use 'Equal' (with a value) or 'Exists'");
  if (t.operator === 'Exists' && t.value !== undefined) throw new EmqxSpecError(`${field}.value`, t.value, "is given with operator 'Exists', which matches any value", "remove value, or use operator 'Equal'");
  if (t.key === undefined && t.operator !== 'Exists') throw new EmqxSpecError(`${field}.key`, t.key, "is required unless operator is 'Exists'", "give the taint's key, e.g. 'dedicated'");
  if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) throw new EmqxSpecError(`${field}.effect`, t.effect, 'is not a taint effect', 'use NoSchedule, PreferNoSchedule or NoExecute');
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') throw new EmqxSpecError(`${field}.tolerationSeconds`, t.tolerationSeconds, 'applies to NoExecute taints only', "set effect: 'NoExecute', or remove tolerationSeconds");
  wholeNumber(`${field}.tolerationSeconds`, t.tolerationSeconds, 0, 2 ** 31 - 1);
}

function validateEnv(field: string, env: ExtraEnvVar[], reserved: readonly string[]): void {
  const seen = new Set<string>();
  env.forEach((e, i) => {
    const f = `${field}[${i}]`;
    object(f, e);
    const name = (e as { name?: unknown }).name;
    if (typeof name !== 'string' || !ENV_NAME.test(name)) throw new EmqxSpecError(`${f}.name`, name, 'is not an environment variable name', "use letters, digits, '_', '-' and '.', not starting with a digit");
    if (reserved.includes(name)) throw new EmqxSpecError(`${f}.name`, name, 'is set by the library (the node name, cookie, secrets or discovery depend on it)', 'use the typed spec setting for it, or another name');
    if (seen.has(name)) throw new EmqxSpecError(`${f}.name`, name, 'is given twice', 'give each variable once');
    seen.add(name);
    const kinds = (['value', 'secretKeyRef', 'configMapKeyRef', 'fieldPath'] as const).filter((k) => (e as unknown as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) throw new EmqxSpecError(f, kinds, 'needs exactly one of value, secretKeyRef, configMapKeyRef or fieldPath', "e.g. { name: 'TZ', value: 'UTC' } or { name: 'TOKEN', secretKeyRef: { secretName, key } }");
    knownKeys(f, e, ['name', kinds[0]]);
    if ('value' in e && typeof e.value !== 'string') throw new EmqxSpecError(`${f}.value`, e.value, 'is not a string', `quote it: '${String(e.value)}'`);
    if ('secretKeyRef' in e) secretKeyRef(`${f}.secretKeyRef`, e.secretKeyRef);
    if ('configMapKeyRef' in e) {
      object(`${f}.configMapKeyRef`, e.configMapKeyRef);
      objectName(`${f}.configMapKeyRef.name`, e.configMapKeyRef?.name, 'ConfigMap');
      if (typeof e.configMapKeyRef.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(e.configMapKeyRef.key)) throw new EmqxSpecError(`${f}.configMapKeyRef.key`, e.configMapKeyRef.key, 'is not a ConfigMap key', "use letters, digits, '-', '_' and '.'");
    }
    if ('fieldPath' in e && (typeof e.fieldPath !== 'string' || !/^(metadata\.(name|namespace|uid|labels\['[^']+'\]|annotations\['[^']+'\])|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/.test(e.fieldPath))) {
      throw new EmqxSpecError(`${f}.fieldPath`, e.fieldPath, 'is not a pod field the downward API exposes', "use e.g. 'metadata.name', 'spec.nodeName' or 'status.podIP'");
    }
    if (/^EMQX_/.test(name) && !/^EMQX_[A-Z0-9]+(_{1,2}[A-Z0-9]+)*$/.test(name)) {
      throw new EmqxSpecError(`${f}.name`, name, 'is not an EMQX setting variable (EMQX_ then the config path in capitals, `__` between levels)', "e.g. EMQX_MQTT__MAX_TOPIC_ALIAS for mqtt.max_topic_alias");
    }
  });
}

function validateEnvFrom(field: string, from: EnvFromSource[]): void {
  from.forEach((s, i) => {
    const f = `${field}[${i}]`;
    object(f, s);
    const kinds = (['secretRef', 'configMapRef'] as const).filter((k) => (s as unknown as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) throw new EmqxSpecError(f, kinds, 'needs exactly one of secretRef or configMapRef (an object name)', "e.g. { secretRef: 'emqx-extra-env' }");
    knownKeys(f, s, [kinds[0], 'prefix']);
    objectName(`${f}.${kinds[0]}`, (s as unknown as Record<string, unknown>)[kinds[0]], kinds[0] === 'secretRef' ? 'Secret' : 'ConfigMap');
    if (s.prefix !== undefined && (typeof s.prefix !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s.prefix))) throw new EmqxSpecError(`${f}.prefix`, s.prefix, 'is not an environment variable prefix', "e.g. 'APP_'");
  });
}

function validateVolumes(field: string, volumes: ExtraVolume[], reserved: readonly string[]): void {
  const seen = new Set<string>();
  volumes.forEach((v, i) => {
    const f = `${field}[${i}]`;
    object(f, v);
    dnsLabel(`${f}.name`, v.name, 'volume', 'shared-certs');
    if (reserved.includes(v.name) || seen.has(v.name)) throw new EmqxSpecError(`${f}.name`, v.name, reserved.includes(v.name) ? 'is a volume of the library' : 'is given twice', 'choose another name');
    seen.add(v.name);
    const kinds = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] !== undefined);
    const allowed = ['secret', 'configMap', 'emptyDir', 'persistentVolumeClaim', 'csi'];
    const bad = kinds.find((k) => !allowed.includes(k));
    if (bad) {
      throw new EmqxSpecError(`${f}.${bad}`, (v as unknown as Record<string, unknown>)[bad], ['hostPath', 'nfs', 'iscsi', 'rbd', 'cephfs', 'glusterfs', 'flexVolume'].includes(bad)
        ? 'is a volume type Pod Security Standard "restricted" forbids' : 'is not a volume type the library renders', `use one of ${allowed.join(', ')}`);
    }
    if (kinds.length !== 1) throw new EmqxSpecError(f, kinds, 'needs exactly one volume source', `give one of ${allowed.join(', ')}`);
    if ('secret' in v) objectName(`${f}.secret.secretName`, v.secret?.secretName, 'Secret');
    if ('configMap' in v) objectName(`${f}.configMap.name`, v.configMap?.name, 'ConfigMap');
    if ('persistentVolumeClaim' in v) objectName(`${f}.persistentVolumeClaim.claimName`, v.persistentVolumeClaim?.claimName, 'PersistentVolumeClaim');
    if ('emptyDir' in v) {
      object(`${f}.emptyDir`, v.emptyDir);
      knownKeys(`${f}.emptyDir`, v.emptyDir, ['medium', 'sizeLimit']);
      if (v.emptyDir?.medium !== undefined && v.emptyDir.medium !== 'Memory') throw new EmqxSpecError(`${f}.emptyDir.medium`, v.emptyDir.medium, "is not 'Memory'", "use 'Memory' for a tmpfs, or leave it out for the node's disk");
      if (v.emptyDir?.sizeLimit !== undefined) quantity(`${f}.emptyDir.sizeLimit`, v.emptyDir.sizeLimit, { nonNegative: true });
    }
    if ('csi' in v && (typeof v.csi?.driver !== 'string' || !v.csi.driver)) throw new EmqxSpecError(`${f}.csi.driver`, v.csi?.driver, 'is required', "name the CSI driver, e.g. 'secrets-store.csi.k8s.io'");
  });
}

function validateMounts(field: string, mounts: ExtraVolumeMount[], volumes: readonly string[], takenPaths: readonly string[]): void {
  const paths = new Set(takenPaths);
  mounts.forEach((m, i) => {
    const f = `${field}[${i}]`;
    object(f, m);
    knownKeys(f, m, ['name', 'mountPath', 'subPath', 'readOnly']);
    if (!volumes.includes(m.name)) throw new EmqxSpecError(`${f}.name`, m.name, 'is not a volume of the pod', `add it to volumes, or mount one of: ${volumes.join(', ')}`);
    if (typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/')) throw new EmqxSpecError(`${f}.mountPath`, m.mountPath, 'is not an absolute path', "e.g. '/opt/emqx/etc/extra'");
    if (paths.has(m.mountPath)) throw new EmqxSpecError(`${f}.mountPath`, m.mountPath, 'is already a mount point of the container', 'mount it elsewhere');
    paths.add(m.mountPath);
  });
}

function validateContainers(field: string, containers: ExtraContainer[], volumes: readonly string[], taken: Set<string>): void {
  containers.forEach((c, i) => {
    const f = `${field}[${i}]`;
    object(f, c);
    knownKeys(f, c, CONTAINER_KEYS);
    dnsLabel(`${f}.name`, c.name, 'container', 'log-shipper');
    if (taken.has(c.name)) throw new EmqxSpecError(`${f}.name`, c.name, c.name === 'emqx' ? 'is the EMQX container' : 'is the name of another container of the pod', 'choose another name');
    taken.add(c.name);
    if (typeof c.image !== 'string' || !c.image || /\s/.test(c.image)) throw new EmqxSpecError(`${f}.image`, c.image, 'is not an image reference', "e.g. 'fluent/fluent-bit:3.1.9'");
    if (!/[:@]/.test(c.image.split('/').pop()!) || c.image.endsWith(':latest')) throw new EmqxSpecError(`${f}.image`, c.image, 'is not pinned to a tag or digest', "pin it, e.g. 'fluent/fluent-bit:3.1.9'");
    validateEnv(`${f}.env`, list(`${f}.env`, c.env, "[{ name: 'TZ', value: 'UTC' }]"), []);
    validateEnvFrom(`${f}.envFrom`, list(`${f}.envFrom`, c.envFrom, "[{ secretRef: 'extra' }]"));
    validateMounts(`${f}.volumeMounts`, list(`${f}.volumeMounts`, c.volumeMounts, "[{ name: 'data', mountPath: '/data' }]"), volumes, []);
    list<{ name: string; containerPort: number }>(`${f}.ports`, c.ports, "[{ name: 'metrics', containerPort: 2020 }]").forEach((p, j) => {
      if (typeof p.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 15 || !/[a-z]/.test(p.name)) throw new EmqxSpecError(`${f}.ports[${j}].name`, p.name, 'is not a port name', 'use at most 15 lowercase letters, digits and "-"');
      wholeNumber(`${f}.ports[${j}].containerPort`, p.containerPort ?? NaN, 1, 65535);
    });
    object(`${f}.resources`, c.resources);
    knownKeys(`${f}.resources`, c.resources, ['requests', 'limits']);
    for (const kind of ['requests', 'limits'] as const) {
      const r = c.resources?.[kind];
      object(`${f}.resources.${kind}`, r);
      for (const [k, q] of Object.entries(r ?? {})) quantity(`${f}.resources.${kind}.${k}`, q, { nonNegative: true });
    }
    const sc = c.securityContext as Record<string, unknown> | undefined;
    object(`${f}.securityContext`, sc);
    for (const k of Object.keys(sc ?? {})) {
      if (PSS_FIELDS.includes(k)) {
        throw new EmqxSpecError(`${f}.securityContext.${k}`, sc![k], 'is fixed by Pod Security Standard "restricted", which every pod of the cluster meets (the library sets it: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp)', `remove ${k}; a container that needs it cannot run in a restricted namespace`);
      }
    }
    knownKeys(`${f}.securityContext`, sc, ['readOnlyRootFilesystem', 'runAsUser', 'runAsGroup']);
    if (sc?.runAsUser === 0) throw new EmqxSpecError(`${f}.securityContext.runAsUser`, 0, 'runs the container as root, which Pod Security Standard "restricted" forbids', 'use a non-zero user id, e.g. 1000');
    wholeNumber(`${f}.securityContext.runAsUser`, sc?.runAsUser, 1, 2 ** 31 - 1);
    wholeNumber(`${f}.securityContext.runAsGroup`, sc?.runAsGroup, 0, 2 ** 31 - 1);
  });
}

function merge(common: PodSettings, role: CorePodSettings, field: string): CorePodSettings {
  // the common settings are validated before; the role's lists must be lists before they are appended
  for (const k of ['tolerations', 'imagePullSecrets', 'env', 'envFrom', 'volumes', 'volumeMounts', 'initContainers', 'sidecars'] as const) list(`${field}.${k}`, role[k], '[...]');
  for (const k of ['nodeSelector', 'podAnnotations', 'podLabels', 'probes'] as const) object(`${field}.${k}`, role[k]);
  const cat = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  const map = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => (a || b ? { ...a, ...b } : undefined);
  return {
    ...common,
    ...role,
    nodeSelector: map(common.nodeSelector, role.nodeSelector),
    podAnnotations: map(common.podAnnotations, role.podAnnotations),
    podLabels: map(common.podLabels, role.podLabels),
    tolerations: cat(common.tolerations, role.tolerations),
    imagePullSecrets: common.imagePullSecrets || role.imagePullSecrets ? [...new Set([...(common.imagePullSecrets ?? []), ...(role.imagePullSecrets ?? [])])] : undefined,
    env: cat(common.env, role.env),
    envFrom: cat(common.envFrom, role.envFrom),
    volumes: cat(common.volumes, role.volumes),
    volumeMounts: cat(common.volumeMounts, role.volumeMounts),
    initContainers: cat(common.initContainers, role.initContainers),
    sidecars: cat(common.sidecars, role.sidecars),
    probes: {
      startup: { ...common.probes?.startup, ...role.probes?.startup },
      readiness: { ...common.probes?.readiness, ...role.probes?.readiness },
      liveness: { ...common.probes?.liveness, ...role.probes?.liveness },
    },
  };
}

/** What the pods already have, which user settings must not take. */
export interface PodReservations {
  /** Environment variables the library sets, per role. */
  readonly env: { readonly core: readonly string[]; readonly replicant: readonly string[] };
  /** The library's volume names. */
  readonly volumes: readonly string[];
  /** The EMQX container's mount paths. */
  readonly mountPaths: readonly string[];
  /** The library's pod label keys. */
  readonly labelKeys: readonly string[];
  /** The cluster's own `labels` (on every object, the pods included). */
  readonly clusterLabelKeys: readonly string[];
  /** The library's pod annotation keys. */
  readonly annotationKeys: readonly string[];
  /** Whether the EMQX Operator renders the pods. */
  readonly operator: boolean;
}

function resolveRole(field: string, s: CorePodSettings, reserved: PodReservations, role: 'core' | 'replicant'): ResolvedPodSettings {
  const nodeSelector = labelMap(`${field}.nodeSelector`, s.nodeSelector);
  const tolerations = list<Toleration>(`${field}.tolerations`, s.tolerations, "[{ key: 'dedicated', value: 'emqx', effect: 'NoSchedule' }]");
  tolerations.forEach((t, i) => validateToleration(`${field}.tolerations[${i}]`, t));
  object(`${field}.affinity`, s.affinity);
  knownKeys(`${field}.affinity`, s.affinity, ['nodeAffinity', 'podAffinity', 'podAntiAffinity']);
  if (s.priorityClassName !== undefined) objectName(`${field}.priorityClassName`, s.priorityClassName, 'PriorityClass');
  const imagePullSecrets = list<string>(`${field}.imagePullSecrets`, s.imagePullSecrets, "['registry-credentials']");
  imagePullSecrets.forEach((n, i) => objectName(`${field}.imagePullSecrets[${i}]`, n, 'Secret'));
  const imagePullPolicy = s.imagePullPolicy ?? 'IfNotPresent';
  if (!['Always', 'IfNotPresent', 'Never'].includes(imagePullPolicy)) throw new EmqxSpecError(`${field}.imagePullPolicy`, imagePullPolicy, 'is not a pull policy', 'use Always, IfNotPresent or Never');
  const podAnnotations = annotationMap(`${field}.podAnnotations`, s.podAnnotations);
  const podLabels = labelMap(`${field}.podLabels`, s.podLabels);
  for (const k of Object.keys(podLabels)) {
    if (reserved.clusterLabelKeys.includes(k)) throw new EmqxSpecError(`${field}.podLabels.${k}`, podLabels[k], "is one of the cluster's labels, which every object (the pods included) carries already", 'change it in labels, or use another key');
    if (k.startsWith('app.kubernetes.io/') || reserved.labelKeys.includes(k)) throw new EmqxSpecError(`${field}.podLabels.${k}`, podLabels[k], 'is a label the library sets on the pods (selectors use app.kubernetes.io/*)', 'use another key');
  }
  for (const k of Object.keys(podAnnotations)) {
    if (reserved.annotationKeys.includes(k)) throw new EmqxSpecError(`${field}.podAnnotations.${k}`, podAnnotations[k], 'is an annotation the library sets on the pods (the config hash that rolls them)', 'use another key');
  }
  const env = list<ExtraEnvVar>(`${field}.env`, s.env, "[{ name: 'TZ', value: 'UTC' }]");
  validateEnv(`${field}.env`, env, reserved.env[role]);
  const envFrom = list<EnvFromSource>(`${field}.envFrom`, s.envFrom, "[{ secretRef: 'extra' }]");
  validateEnvFrom(`${field}.envFrom`, envFrom);
  const volumes = list<ExtraVolume>(`${field}.volumes`, s.volumes, "[{ name: 'extra', emptyDir: {} }]");
  validateVolumes(`${field}.volumes`, volumes, reserved.volumes);
  const volumeNames = [...reserved.volumes, ...volumes.map((v) => v.name)];
  const volumeMounts = list<ExtraVolumeMount>(`${field}.volumeMounts`, s.volumeMounts, "[{ name: 'extra', mountPath: '/extra' }]");
  validateMounts(`${field}.volumeMounts`, volumeMounts, volumeNames, reserved.mountPaths);
  // 'api-keys' is the library's own init container when a backup job needs its key bootstrapped
  const containerNames = new Set(['emqx', 'api-keys']);
  const initContainers = list<ExtraContainer>(`${field}.initContainers`, s.initContainers, "[{ name: 'wait', image: 'busybox:1.36' }]");
  validateContainers(`${field}.initContainers`, initContainers, volumeNames, containerNames);
  const sidecars = list<ExtraContainer>(`${field}.sidecars`, s.sidecars, "[{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' }]");
  validateContainers(`${field}.sidecars`, sidecars, volumeNames, containerNames);
  object(`${field}.probes`, s.probes);
  knownKeys(`${field}.probes`, s.probes, ['startup', 'readiness', 'liveness']);
  const probes = { startup: s.probes?.startup ?? {}, readiness: s.probes?.readiness ?? {}, liveness: s.probes?.liveness ?? {} };
  for (const [name, p] of Object.entries(probes)) {
    object(`${field}.probes.${name}`, p);
    knownKeys(`${field}.probes.${name}`, p, PROBE_KEYS);
    wholeNumber(`${field}.probes.${name}.initialDelaySeconds`, p.initialDelaySeconds, 0, 3600);
    wholeNumber(`${field}.probes.${name}.periodSeconds`, p.periodSeconds, 1, 3600);
    wholeNumber(`${field}.probes.${name}.timeoutSeconds`, p.timeoutSeconds, 1, 3600);
    wholeNumber(`${field}.probes.${name}.failureThreshold`, p.failureThreshold, 1, 1000);
  }
  const maxUnavailable = s.maxUnavailable ?? 1;
  if (!(typeof maxUnavailable === 'number' && Number.isInteger(maxUnavailable) && maxUnavailable >= 1 && maxUnavailable < 2 ** 31)
    && !(typeof maxUnavailable === 'string' && /^([1-9][0-9]?|100)%$/.test(maxUnavailable))) {
    throw new EmqxSpecError(`${field}.maxUnavailable`, maxUnavailable, 'is not a count of at least 1 or a percentage from 1% to 100% (0 would block every node drain)', "e.g. 1 or '25%'");
  }
  const podManagementPolicy = s.podManagementPolicy ?? 'Parallel';
  if (podManagementPolicy !== 'Parallel' && podManagementPolicy !== 'OrderedReady') throw new EmqxSpecError(`${field}.podManagementPolicy`, podManagementPolicy, 'is not a pod management policy', "use 'Parallel' or 'OrderedReady'");
  if (reserved.operator) {
    const why = 'the EMQX Operator pod templates have no such field (apps.emqx.io/v2beta1 and v2 EMQX spec.coreTemplate.spec)';
    if (s.priorityClassName !== undefined) throw new EmqxSpecError(`${field}.priorityClassName`, s.priorityClassName, why, 'remove it with WorkloadBackend.emqxOperator(), or use the native backend');
    if (s.podManagementPolicy !== undefined) throw new EmqxSpecError(`${field}.podManagementPolicy`, s.podManagementPolicy, `${why}: the operator manages the StatefulSet`, 'remove it with WorkloadBackend.emqxOperator(), or use the native backend');
  }
  return {
    nodeSelector, tolerations, affinity: s.affinity, priorityClassName: s.priorityClassName, imagePullSecrets, imagePullPolicy, podAnnotations, podLabels,
    env, envFrom, volumes, volumeMounts, initContainers, sidecars, probes, maxUnavailable, podManagementPolicy,
  };
}

/**
 * Validates and merges the workload settings per role, naming the field, value and fix of every problem. With the
 * EMQX Operator backend a field its API lacks is an error naming the field and the backend, and the pull settings
 * (one per `EMQX` resource) must agree between the roles.
 */
export function resolveWorkloadSettings(settings: WorkloadSettings | undefined, reserved: PodReservations): ResolvedWorkloadSettings {
  const s = settings ?? {};
  object('workload', s);
  if ((s as CorePodSettings).podManagementPolicy !== undefined) {
    throw new EmqxSpecError('workload.podManagementPolicy', (s as CorePodSettings).podManagementPolicy, 'applies to the core StatefulSet only', 'set it under workload.cores');
  }
  knownKeys('workload', s, WORKLOAD_KEYS);
  object('workload.cores', s.cores);
  knownKeys('workload.cores', s.cores, CORE_KEYS);
  object('workload.replicants', s.replicants);
  knownKeys('workload.replicants', s.replicants, POD_KEYS);
  const { cores, replicants, serviceAccountAnnotations, ...common } = s;
  // the settings for both roles first, so a problem there is named where it is written (workload.<key>)
  resolveRole('workload', common, reserved, 'core');
  resolveRole('workload', common, reserved, 'replicant');
  const core = resolveRole('workload.cores', merge(common, cores ?? {}, 'workload.cores'), reserved, 'core');
  const replicant = resolveRole('workload.replicants', merge(common, replicants ?? {}, 'workload.replicants'), reserved, 'replicant');
  if (reserved.operator) {
    for (const k of ['imagePullPolicy', 'imagePullSecrets'] as const) {
      if (JSON.stringify(core[k]) !== JSON.stringify(replicant[k])) {
        throw new EmqxSpecError(`workload.replicants.${k}`, replicant[k], `differs from the cores' (${JSON.stringify(core[k])}), and the EMQX Operator has one ${k} per EMQX resource`, `set ${k} once, at workload level`);
      }
    }
  }
  return { core, replicant, serviceAccountAnnotations: annotationMap('workload.serviceAccountAnnotations', serviceAccountAnnotations) };
}
