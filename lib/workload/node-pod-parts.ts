import { createHash } from 'node:crypto';
import { ACL_CONFIG_KEY, ACL_FILE_PATH } from '../model/authorization';
import { ClusterLabels } from '../model/cluster-labels';
import type { NodeResources, ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { ZoneSpread } from '../model/zone-spread';
import { Affinity, EnvFromSource, ExtraContainer, ExtraEnvVar, PodReservations, ProbeTimings, ResolvedPodSettings, Toleration } from './workload-settings';
import { API_KEY_BOOTSTRAP_DIR, NodeRole } from '../hocon/emqx-config';
import { EnvVarSpec, nodeEnvironment } from './node-environment';

/** The uid/gid of the `emqx` user in the official images (deploy/docker/Dockerfile). */
export const EMQX_UID = 1000;
/** The volume name of the core data directory (volumeClaimTemplate) and replicant scratch data. */
export const DATA_VOLUME = 'data';
/** The pod annotation holding the hash of the role's emqx.conf, so a config change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'emqx-constructs.io/config-hash';
/** Read-only for the emqx user (owner) and its group (fsGroup); nothing for others. */
const SECRET_FILE_MODE = 0o440;

/** A pod volume, in Kubernetes JSON (a core/v1 `Volume`, as the EMQX CRD's `extraVolumes` take it too). */
export interface PodVolume {
  readonly name: string;
  readonly secret?: { readonly secretName: string; readonly defaultMode?: number; readonly items?: { readonly key: string; readonly path: string }[] };
  readonly configMap?: { readonly name: string; readonly items?: { readonly key: string; readonly path: string }[]; readonly defaultMode?: number };
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  readonly csi?: { readonly driver: string; readonly readOnly?: boolean; readonly volumeAttributes?: Record<string, string> };
}

/** A container volume mount, in Kubernetes JSON. */
export interface PodVolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

/** A container environment variable, in Kubernetes JSON. */
export interface PodEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
    readonly fieldRef?: { readonly fieldPath: string };
  };
}

/** A container's environment from a Secret or ConfigMap, in Kubernetes JSON. */
export interface PodEnvFrom {
  readonly prefix?: string;
  readonly secretRef?: { readonly name: string };
  readonly configMapRef?: { readonly name: string };
}

/** An init container or sidecar, in Kubernetes JSON. */
export interface PodContainer {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: PodEnvVar[];
  readonly envFrom?: PodEnvFrom[];
  readonly ports?: { readonly name: string; readonly containerPort: number; readonly protocol: 'TCP' }[];
  readonly volumeMounts?: PodVolumeMount[];
  readonly resources?: { readonly requests?: Record<string, string>; readonly limits?: Record<string, string> };
  readonly securityContext: Record<string, unknown>;
}

/** A health probe on the named `dashboard` port. */
export interface PodProbe {
  readonly path: string;
  readonly portName: string;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
  readonly timeoutSeconds: number;
}

/** A topology spread constraint, in Kubernetes JSON. */
export interface PodSpread {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly labelSelector: { readonly matchLabels: Record<string, string> };
}

/**
 * Everything about an EMQX node's pod that does not depend on what creates the pod: the native
 * StatefulSet/Deployment and the EMQX Operator's `coreTemplate`/`replicantTemplate` are both built
 * from it, so ports, probes, security contexts, environment and mounts cannot drift apart.
 */
export interface NodePodParts {
  /** Pod labels: the role's selector labels plus the metadata labels. */
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly ports: { readonly name: string; readonly containerPort: number; readonly protocol: 'TCP' }[];
  readonly env: PodEnvVar[];
  /** Volumes beyond the config, log and data volumes (TLS, CA bundles, user files, ACL, API keys). */
  readonly extraVolumes: PodVolume[];
  readonly extraVolumeMounts: PodVolumeMount[];
  readonly podSecurityContext: Record<string, unknown>;
  readonly containerSecurityContext: Record<string, unknown>;
  readonly topologySpreadConstraints: PodSpread[];
  readonly startupProbe: PodProbe;
  readonly readinessProbe: PodProbe;
  readonly livenessProbe: PodProbe;
  /** Environment from Secrets and ConfigMaps (workload settings). */
  readonly envFrom: PodEnvFrom[];
  /** Scheduling (workload settings). */
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly affinity?: Affinity;
  readonly priorityClassName?: string;
  readonly imagePullSecrets?: { readonly name: string }[];
  readonly imagePullPolicy: string;
  readonly initContainers: PodContainer[];
  readonly sidecars: PodContainer[];
  /** The role's PDB `maxUnavailable`. */
  readonly maxUnavailable: number | string;
  /** The core StatefulSet's pod management. */
  readonly podManagementPolicy: 'Parallel' | 'OrderedReady';
}

/** The security context every container of the pods runs with: Pod Security Standard "restricted". */
const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Container resources in Kubernetes JSON: the quantities given, empty maps left out. */
export function podResources(r: NodeResources): { requests?: Record<string, string>; limits?: Record<string, string> } {
  const map = (q: { cpu?: string; memory?: string } | undefined): Record<string, string> | undefined => {
    if (!q) return undefined;
    const out: Record<string, string> = {};
    if (q.cpu !== undefined) out.cpu = q.cpu;
    if (q.memory !== undefined) out.memory = q.memory;
    return Object.keys(out).length ? out : undefined;
  };
  return { requests: map(r.requests), limits: map(r.limits) };
}

/** An HTTP probe in Kubernetes JSON (on a named port). */
export function podProbe(p: PodProbe) {
  return { httpGet: { path: p.path, port: p.portName }, initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds, failureThreshold: p.failureThreshold, timeoutSeconds: p.timeoutSeconds };
}

function spread(c: Omit<ResolvedEmqxCluster, 'workload'>, role: NodeRole, labels: Record<string, string>): PodSpread[] {
  const mode = role === 'core' ? c.coreZoneSpread : c.replicantZoneSpread;
  const out: PodSpread[] = [];
  if (mode !== ZoneSpread.NONE) out.push({ maxSkew: 1, topologyKey: c.zoneTopologyKey, whenUnsatisfiable: mode, labelSelector: { matchLabels: labels } });
  // never two nodes of a role on one host when it can be avoided
  out.push({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } });
  return out;
}

function secretVolume(name: string, secretName: string, items: { key: string; path: string }[]): PodVolume {
  return { name, secret: { secretName, defaultMode: SECRET_FILE_MODE, items } };
}

function extraEnv(e: ExtraEnvVar): PodEnvVar {
  if ('secretKeyRef' in e) return { name: e.name, valueFrom: { secretKeyRef: { name: e.secretKeyRef.secretName, key: e.secretKeyRef.key } } };
  if ('configMapKeyRef' in e) return { name: e.name, valueFrom: { configMapKeyRef: { name: e.configMapKeyRef.name, key: e.configMapKeyRef.key } } };
  if ('fieldPath' in e) return { name: e.name, valueFrom: { fieldRef: { fieldPath: e.fieldPath } } };
  return { name: e.name, value: e.value };
}

function envFrom(e: EnvFromSource): PodEnvFrom {
  return 'secretRef' in e ? { prefix: e.prefix, secretRef: { name: e.secretRef } } : { prefix: e.prefix, configMapRef: { name: e.configMapRef } };
}

function extraContainer(x: ExtraContainer, pullPolicy: string): PodContainer {
  return {
    name: x.name,
    image: x.image,
    imagePullPolicy: pullPolicy,
    command: x.command,
    args: x.args,
    env: x.env?.map(extraEnv),
    envFrom: x.envFrom?.map(envFrom),
    ports: x.ports?.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' as const })),
    volumeMounts: x.volumeMounts,
    resources: x.resources,
    securityContext: { ...RESTRICTED_CONTAINER, ...x.securityContext },
  };
}

function toPodEnv(e: EnvVarSpec): PodEnvVar {
  if (e.secretKeyRef) return { name: e.name, valueFrom: { secretKeyRef: { name: e.secretKeyRef.secretName, key: e.secretKeyRef.key } } };
  if (e.fieldPath) return { name: e.name, valueFrom: { fieldRef: { fieldPath: e.fieldPath } } };
  return { name: e.name, value: e.value };
}

/** The hash of what a node reads at boot (its emqx.conf and the ACL file), for the pod annotation that rolls the pods. */
export function configHash(conf: string, aclFile: string | undefined): string {
  return createHash('sha256').update(conf).update(aclFile ?? '').digest('hex').slice(0, 16);
}

/** What the library's pods already have (env, volumes, mounts, labels, annotations), which workload settings must not take. */
export function podReservations(c: Omit<ResolvedEmqxCluster, 'workload'>): PodReservations {
  const [core, replicant] = [basePodParts(c, 'core'), basePodParts(c, 'replicant')];
  return {
    env: { core: core.env.map((e) => e.name), replicant: replicant.env.map((e) => e.name) },
    volumes: ['config', 'log', DATA_VOLUME, ...new Set([...core.extraVolumes, ...replicant.extraVolumes].map((v) => v.name))],
    mountPaths: ['/opt/emqx/etc/emqx.conf', '/opt/emqx/data', '/opt/emqx/log', ...new Set([...core.extraVolumeMounts, ...replicant.extraVolumeMounts].map((m) => m.mountPath))],
    labelKeys: Object.keys({ ...core.labels, ...replicant.labels }).filter((k) => !(k in c.labels)),
    clusterLabelKeys: Object.keys(c.labels),
    annotationKeys: [CONFIG_HASH_ANNOTATION],
    operator: c.operator !== undefined,
  };
}

function timed(p: PodProbe, t: ProbeTimings): PodProbe {
  return { ...p, ...t };
}

/**
 * The pod parts of one node role, with the cluster's workload settings for the role. `conf` is what the role's nodes
 * read of emqx.conf at boot; its hash (with the ACL file's) goes into an annotation so a change rolls the pods. Without
 * it, the caller sets the annotation (the native pod template hashes the ConfigMap's final content).
 */
export function nodePodParts(c: ResolvedEmqxCluster, role: NodeRole, conf?: string): NodePodParts {
  const base = basePodParts(c, role);
  const w: ResolvedPodSettings = c.workload[role];
  return {
    ...base,
    labels: { ...w.podLabels, ...base.labels },
    // EMQX reads emqx.conf and the ACL file at boot: either changing rolls the pods
    annotations: conf === undefined ? { ...w.podAnnotations } : { ...w.podAnnotations, [CONFIG_HASH_ANNOTATION]: configHash(conf, c.authorization.aclFile) },
    env: [...base.env, ...w.env.map(extraEnv)],
    envFrom: w.envFrom.map(envFrom),
    extraVolumes: [...base.extraVolumes, ...w.volumes as PodVolume[]],
    extraVolumeMounts: [...base.extraVolumeMounts, ...w.volumeMounts],
    startupProbe: timed(base.startupProbe, w.probes.startup),
    readinessProbe: timed(base.readinessProbe, w.probes.readiness),
    livenessProbe: timed(base.livenessProbe, w.probes.liveness),
    nodeSelector: Object.keys(w.nodeSelector).length ? w.nodeSelector : undefined,
    tolerations: w.tolerations.length ? w.tolerations : undefined,
    affinity: w.affinity,
    priorityClassName: w.priorityClassName,
    imagePullSecrets: w.imagePullSecrets.length ? w.imagePullSecrets.map((name) => ({ name })) : undefined,
    imagePullPolicy: w.imagePullPolicy,
    initContainers: [...base.initContainers.map((x) => ({ ...x, imagePullPolicy: w.imagePullPolicy })), ...w.initContainers.map((x) => extraContainer(x, w.imagePullPolicy))],
    sidecars: w.sidecars.map((x) => extraContainer(x, w.imagePullPolicy)),
    maxUnavailable: w.maxUnavailable,
    podManagementPolicy: w.podManagementPolicy,
  };
}

type BasePodParts = Omit<NodePodParts, 'annotations' | 'envFrom' | 'nodeSelector' | 'tolerations' | 'affinity' | 'priorityClassName' | 'imagePullSecrets' | 'imagePullPolicy' | 'sidecars' | 'maxUnavailable' | 'podManagementPolicy'>;

function basePodParts(c: Omit<ResolvedEmqxCluster, 'workload'>, role: NodeRole): BasePodParts {
  const labels = new ClusterLabels(c);
  const selector = labels.role(role);
  const extraVolumes: PodVolume[] = [];
  const extraVolumeMounts: PodVolumeMount[] = [];
  // the certificate Secrets of the listeners that end TLS in the pod, mounted read-only at the paths
  // their ssl_options name; both roles run every listener
  for (const l of c.listeners) {
    const tls = l.tls;
    if (tls?.terminatesAt !== 'pod') continue;
    extraVolumes.push(secretVolume(tls.volumeName, tls.secretName, tls.secretItems.map((key) => ({ key, path: key }))));
    extraVolumeMounts.push({ name: tls.volumeName, mountPath: tls.mountPath, readOnly: true });
    if (tls.clientCa) {
      extraVolumes.push(secretVolume(tls.clientCa.volumeName, tls.clientCa.secretName, [{ key: tls.clientCa.key, path: tls.clientCa.key }]));
      extraVolumeMounts.push({ name: tls.clientCa.volumeName, mountPath: tls.clientCa.mountPath, readOnly: true });
    }
  }
  for (const f of c.configFiles) {
    extraVolumes.push(secretVolume(f.volumeName, f.ref.secretName, [{ key: f.ref.key, path: f.fileName }]));
    extraVolumeMounts.push({ name: f.volumeName, mountPath: f.mountPath, readOnly: true });
  }
  if (c.authorization.aclFile) {
    if (c.operator) {
      // the operator's own ConfigMap holds only emqx.conf: the ACL file comes from ours
      extraVolumes.push({ name: 'acl', configMap: { name: c.names.configMap, items: [{ key: ACL_CONFIG_KEY, path: ACL_CONFIG_KEY }] } });
      extraVolumeMounts.push({ name: 'acl', mountPath: ACL_FILE_PATH, subPath: ACL_CONFIG_KEY, readOnly: true });
    } else {
      extraVolumeMounts.push({ name: 'config', mountPath: ACL_FILE_PATH, subPath: ACL_CONFIG_KEY, readOnly: true });
    }
  }
  // with the operator the API keys are its bootstrapAPIKeys (it owns api_key.bootstrap_file)
  const apiKey = c.monitoring?.apiKey;
  const backupKey = c.backup?.apiKey;
  const initContainers: PodContainer[] = [];
  if (backupKey && !c.operator) {
    // The backup job's key must exist before its first run: EMQX creates the keys of api_key.bootstrap_file at boot
    // (one `key:secret:role` line each, role from 5.4, facts §42 and §9 API keys). The file is one file, and the two
    // keys live in two Secrets, so an init container of the EMQX image itself writes it into a memory volume: the
    // metrics key's line as the user wrote it, then the backup key's from the environment (secretKeyRef).
    extraVolumes.push({ name: 'api-keys', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
    extraVolumeMounts.push({ name: 'api-keys', mountPath: API_KEY_BOOTSTRAP_DIR, readOnly: true });
    if (apiKey) extraVolumes.push(secretVolume('metrics-api-key', apiKey.secretName, [{ key: apiKey.bootstrapKey, path: 'bootstrap' }]));
    initContainers.push({
      name: 'api-keys',
      image: c.image,
      imagePullPolicy: 'IfNotPresent',
      command: ['sh', '-c', [
        'set -eu',
        'umask 077',
        '{',
        ...(apiKey ? ["  sed -e '$a\\' /metrics-api-key/bootstrap"] : []),
        '  printf \'%s:%s:administrator\\n\' "$BACKUP_API_KEY" "$BACKUP_API_SECRET"',
        `} > /api-keys/bootstrap`,
      ].join('\n')],
      env: [
        { name: 'BACKUP_API_KEY', valueFrom: { secretKeyRef: { name: backupKey.secretName, key: backupKey.keyKey } } },
        { name: 'BACKUP_API_SECRET', valueFrom: { secretKeyRef: { name: backupKey.secretName, key: backupKey.secretKey } } },
      ],
      volumeMounts: [{ name: 'api-keys', mountPath: '/api-keys' }, ...(apiKey ? [{ name: 'metrics-api-key', mountPath: '/metrics-api-key', readOnly: true }] : [])],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      securityContext: { ...RESTRICTED_CONTAINER, runAsUser: EMQX_UID, runAsGroup: EMQX_UID, readOnlyRootFilesystem: true },
    });
  } else if (apiKey && !c.operator) {
    extraVolumes.push(secretVolume('api-keys', apiKey.secretName, [{ key: apiKey.bootstrapKey, path: 'bootstrap' }]));
    extraVolumeMounts.push({ name: 'api-keys', mountPath: API_KEY_BOOTSTRAP_DIR, readOnly: true });
  }
  const probe = (periodSeconds: number, failureThreshold: number): PodProbe => ({ path: '/status', portName: 'dashboard', periodSeconds, failureThreshold, timeoutSeconds: 5 });
  return {
    labels: { ...labels.metadata(role), ...selector },
    ports: [
      ...c.listeners.map((l) => ({ name: l.portName, containerPort: l.port, protocol: 'TCP' as const })),
      { name: 'dashboard', containerPort: c.ports.dashboard, protocol: 'TCP' },
      { name: 'ekka', containerPort: c.ports.distribution, protocol: 'TCP' },
      { name: 'gen-rpc', containerPort: c.ports.genRpc, protocol: 'TCP' },
    ],
    env: nodeEnvironment(c, role).map(toPodEnv),
    extraVolumes,
    extraVolumeMounts,
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: EMQX_UID,
      runAsGroup: EMQX_UID,
      fsGroup: EMQX_UID,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containerSecurityContext: {
      runAsNonRoot: true,
      runAsUser: EMQX_UID,
      runAsGroup: EMQX_UID,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    topologySpreadConstraints: spread(c, role, selector),
    startupProbe: probe(10, 30),
    readinessProbe: probe(5, 3),
    livenessProbe: probe(30, 3),
    initContainers,
  };
}
