import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-28';
import { ACL_CONFIG_KEY, ACL_FILE_PATH } from '../spec/authorization';
import { ClusterLabels } from '../spec/cluster-labels';
import { NodeResources, ResolvedEmqxCluster, ZoneSpread } from '../spec/emqx-cluster-spec';
import { API_KEY_BOOTSTRAP_DIR, configFileName, NodeRole } from '../spec/emqx-config';
import { nodeEnvironment } from '../spec/node-environment';

/** The uid/gid of the `emqx` user in the official images (deploy/docker/Dockerfile). */
export const EMQX_UID = 1000;
/** The volume name of the core data directory (volumeClaimTemplate) and replicant scratch data. */
export const DATA_VOLUME = 'data';
/** The pod annotation holding the hash of the role's emqx.conf, so a config change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'emqx-constructs.io/config-hash';

function quantities(q: { cpu?: string; memory?: string } | undefined): Record<string, k8s.Quantity> | undefined {
  if (!q) return undefined;
  const out: Record<string, k8s.Quantity> = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  return Object.keys(out).length ? out : undefined;
}

function resources(r: NodeResources): k8s.ResourceRequirements {
  return { requests: quantities(r.requests), limits: quantities(r.limits) };
}

function spread(c: ResolvedEmqxCluster, role: NodeRole, labels: Record<string, string>): k8s.TopologySpreadConstraint[] | undefined {
  const mode = role === 'core' ? c.coreZoneSpread : c.replicantZoneSpread;
  const out: k8s.TopologySpreadConstraint[] = [];
  if (mode !== ZoneSpread.NONE) {
    out.push({ maxSkew: 1, topologyKey: c.zoneTopologyKey, whenUnsatisfiable: mode, labelSelector: { matchLabels: labels } });
  }
  // never two nodes of a role on one host when it can be avoided
  out.push({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } });
  return out;
}

/** Read-only for the emqx user (owner) and its group (fsGroup); nothing for others. */
const SECRET_FILE_MODE = 0o440;

/**
 * The certificate Secrets of the listeners that end TLS in the pod, mounted read-only as whole
 * directories at the paths their `ssl_options` name. Both roles get them: both run every listener.
 */
function tlsVolumes(c: ResolvedEmqxCluster): { volumes: k8s.Volume[]; mounts: k8s.VolumeMount[] } {
  const volumes: k8s.Volume[] = [];
  const mounts: k8s.VolumeMount[] = [];
  for (const l of c.listeners) {
    const tls = l.tls;
    if (tls?.terminatesAt !== 'pod') continue;
    volumes.push({
      name: tls.volumeName,
      secret: { secretName: tls.secretName, defaultMode: SECRET_FILE_MODE, items: tls.secretItems.map((key) => ({ key, path: key })) },
    });
    mounts.push({ name: tls.volumeName, mountPath: tls.mountPath, readOnly: true });
    if (tls.clientCa) {
      volumes.push({
        name: tls.clientCa.volumeName,
        secret: { secretName: tls.clientCa.secretName, defaultMode: SECRET_FILE_MODE, items: [{ key: tls.clientCa.key, path: tls.clientCa.key }] },
      });
      mounts.push({ name: tls.clientCa.volumeName, mountPath: tls.clientCa.mountPath, readOnly: true });
    }
  }
  return { volumes, mounts };
}

/**
 * The pod template of one node role. Both roles share it, so ports, probes, security context,
 * environment and config mount cannot drift apart between cores and replicants. `conf` is the
 * role's rendered emqx.conf (as in the ConfigMap); its hash rolls the pods when it changes.
 */
export function nodePodTemplate(c: ResolvedEmqxCluster, role: NodeRole, conf: string): k8s.PodTemplateSpec {
  const labels = new ClusterLabels(c);
  const selector = labels.role(role);
  const probe = (periodSeconds: number, failureThreshold: number): k8s.Probe => ({
    httpGet: { path: '/status', port: k8s.IntOrString.fromString('dashboard') },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 5,
  });
  const volumes: k8s.Volume[] = [
    { name: 'config', configMap: { name: c.names.configMap } },
    { name: 'log', emptyDir: {} },
  ];
  if (role === 'replicant') volumes.push({ name: DATA_VOLUME, emptyDir: {} });
  const tls = tlsVolumes(c);
  volumes.push(...tls.volumes);
  for (const f of c.configFiles) {
    volumes.push({ name: f.volumeName, secret: { secretName: f.ref.secretName, defaultMode: SECRET_FILE_MODE, items: [{ key: f.ref.key, path: f.fileName }] } });
    tls.mounts.push({ name: f.volumeName, mountPath: f.mountPath, readOnly: true });
  }
  if (c.authorization.aclFile) tls.mounts.push({ name: 'config', mountPath: ACL_FILE_PATH, subPath: ACL_CONFIG_KEY, readOnly: true });
  const apiKey = c.monitoring?.apiKey;
  if (apiKey) {
    volumes.push({ name: 'api-keys', secret: { secretName: apiKey.secretName, defaultMode: SECRET_FILE_MODE, items: [{ key: apiKey.bootstrapKey, path: 'bootstrap' }] } });
    tls.mounts.push({ name: 'api-keys', mountPath: API_KEY_BOOTSTRAP_DIR, readOnly: true });
  }
  return {
    metadata: {
      labels: { ...labels.metadata(role), ...selector },
      // EMQX reads emqx.conf and the ACL file at boot: either changing rolls the pods
      annotations: { [CONFIG_HASH_ANNOTATION]: createHash('sha256').update(conf).update(c.authorization.aclFile ?? '').digest('hex').slice(0, 16) },
    },
    spec: {
      serviceAccountName: c.names.serviceAccount,
      // only the k8s discovery strategy talks to the API server
      automountServiceAccountToken: c.discovery.strategy === 'k8s',
      terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: EMQX_UID,
        runAsGroup: EMQX_UID,
        fsGroup: EMQX_UID,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      },
      topologySpreadConstraints: spread(c, role, selector),
      containers: [
        {
          name: 'emqx',
          image: c.image,
          imagePullPolicy: 'IfNotPresent',
          ports: [
            ...c.listeners.map((l) => ({ name: l.portName, containerPort: l.port, protocol: 'TCP' })),
            { name: 'dashboard', containerPort: c.ports.dashboard, protocol: 'TCP' },
            { name: 'ekka', containerPort: c.ports.distribution, protocol: 'TCP' },
            { name: 'gen-rpc', containerPort: c.ports.genRpc, protocol: 'TCP' },
          ],
          env: nodeEnvironment(c, role).map((e) => ({
            name: e.name,
            value: e.value,
            valueFrom: e.secretKeyRef
              ? { secretKeyRef: { name: e.secretKeyRef.secretName, key: e.secretKeyRef.key } }
              : e.fieldPath
                ? { fieldRef: { fieldPath: e.fieldPath } }
                : undefined,
          })),
          resources: resources(role === 'core' ? c.coreResources : c.replicantResources),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: EMQX_UID,
            runAsGroup: EMQX_UID,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumeMounts: [
            { name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: configFileName(role), readOnly: true },
            { name: DATA_VOLUME, mountPath: '/opt/emqx/data' },
            { name: 'log', mountPath: '/opt/emqx/log' },
            ...tls.mounts,
          ],
          startupProbe: probe(10, 30),
          readinessProbe: probe(5, 3),
          livenessProbe: probe(30, 3),
        },
      ],
      volumes,
    },
  };
}
