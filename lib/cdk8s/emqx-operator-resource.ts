import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { NodeResources, ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NodeRole } from '../hocon/emqx-config';
import { ListenerServiceShape, nonEmptyAnnotations } from '../model/listener-service-shape';
import { nodePodParts, podProbe, podResources } from '../workload/node-pod-parts';
import { kubeObject } from './kube-object';
import { OperatorBootstrapApiKey, OperatorEmqxSpec, OperatorNodeTemplate, OperatorServiceTemplate, OperatorTemplateSpec } from '../workload/emqx-operator-api';

/**
 * The operator's `coreTemplate`/`replicantTemplate` of one role from the same {@link nodePodParts} as
 * the native pod template. The operator adds its own volumes (config, log, data, bootstrap API key)
 * and environment (node name, role, cookie, DNS discovery); ours come after, as extras.
 */
function nodeTemplate(c: ResolvedEmqxCluster, role: NodeRole, replicas: number, r: NodeResources): OperatorNodeTemplate {
  // config.data reaches running nodes through the operator's REST calls, so only the ACL file (read
  // at boot) goes into the pod template's hash: hashing the config would turn every config change
  // into a blue-green update with new PVCs
  const parts = nodePodParts(c, role, '');
  const spec: OperatorTemplateSpec = {
    replicas,
    // the operator makes one PDB per role from these
    maxUnavailable: parts.maxUnavailable,
    resources: podResources(r),
    podSecurityContext: parts.podSecurityContext,
    containerSecurityContext: parts.containerSecurityContext,
    topologySpreadConstraints: parts.topologySpreadConstraints,
    ports: parts.ports,
    env: [...parts.env, ...operatorEnv(c)],
    envFrom: parts.envFrom.length ? parts.envFrom : undefined,
    nodeSelector: parts.nodeSelector,
    tolerations: parts.tolerations,
    affinity: parts.affinity,
    initContainers: parts.initContainers.length ? parts.initContainers : undefined,
    extraContainers: parts.sidecars.length ? parts.sidecars : undefined,
    extraVolumes: parts.extraVolumes.length ? parts.extraVolumes : undefined,
    extraVolumeMounts: parts.extraVolumeMounts.length ? parts.extraVolumeMounts : undefined,
    startupProbe: podProbe(parts.startupProbe),
    readinessProbe: podProbe(parts.readinessProbe),
    livenessProbe: podProbe(parts.livenessProbe),
    volumeClaimTemplates:
      role === 'core'
        ? {
            accessModes: ['ReadWriteOnce'],
            storageClassName: c.storage.storageClassName,
            resources: { requests: { storage: c.storage.size } },
          }
        : undefined,
  };
  return {
    // the operator creates and manages these pods (selectors never use managed-by)
    metadata: {
      labels: { ...parts.labels, 'app.kubernetes.io/managed-by': 'emqx-operator' },
      annotations: nonEmpty(c.authorization.aclFile ? parts.annotations : c.workload[role].podAnnotations),
    },
    spec,
  };
}

function nonEmpty(m: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(m).length ? m : undefined;
}

/**
 * What the library adds to the operator's own environment (the operator puts its variables first and the template's
 * after, so these win: `add_emqx_core.go` in both API eras):
 * - `apps.emqx.io/v2`: `EMQX_CLUSTER__NAME`. v2 documents `config.data` as base.hocon, the lowest config layer, and the
 *   image's own emqx.conf sets `cluster.name = emqxcl` above it (emqx-facts §10.16 68); the environment is above both.
 * - EMQX 6.3+ (security profiles): `EMQX_DASHBOARD__LISTENERS__HTTP__BIND = 0.0.0.0:<port>`. The operator sets a
 *   port-only bind, which listens on loopback under the hardened profile (§10.13 77), so probes, the operator's own
 *   REST calls and the backup job could not reach the node; `node.default_listener_address` does not exist (§10.19 78).
 */
function operatorEnv(c: ResolvedEmqxCluster): { name: string; value: string }[] {
  return [
    ...(c.operator!.apiVersion === 'apps.emqx.io/v2' ? [{ name: 'EMQX_CLUSTER__NAME', value: c.name }] : []),
    ...(c.version.hasSecurityProfiles ? [{ name: 'EMQX_DASHBOARD__LISTENERS__HTTP__BIND', value: `0.0.0.0:${c.ports.dashboard}` }] : []),
  ];
}

function bootstrapApiKeys(c: ResolvedEmqxCluster): OperatorBootstrapApiKey[] | undefined {
  const keys: OperatorBootstrapApiKey[] = [];
  const m = c.monitoring?.apiKey;
  if (m) keys.push({ secretRef: { key: { secretName: m.secretName, secretKey: m.usernameKey }, secret: { secretName: m.secretName, secretKey: m.passwordKey } } });
  const b = c.backup?.apiKey;
  if (b) keys.push({ secretRef: { key: { secretName: b.secretName, secretKey: b.keyKey }, secret: { secretName: b.secretName, secretKey: b.secretKey } } });
  return keys.length ? keys : undefined;
}

function listenersServiceTemplate(shape: ListenerServiceShape | undefined): OperatorServiceTemplate {
  // the operator would otherwise create `<name>-listeners` with every enabled listener's port
  if (!shape) return { enabled: false };
  return {
    enabled: true,
    metadata: { name: shape.name, labels: shape.labels, annotations: shape.annotations },
    spec: {
      type: shape.type,
      loadBalancerClass: shape.loadBalancerClass,
      externalTrafficPolicy: shape.externalTrafficPolicy,
      loadBalancerSourceRanges: shape.loadBalancerSourceRanges,
      ports: shape.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, targetPort: p.targetPort })),
    },
  };
}

/**
 * The cluster as one EMQX Operator `EMQX` resource (`apps.emqx.io/v2` for Operator 2.3, or `v2beta1` for 2.2; the
 * fields typed from the operator's Go API in workload/emqx-operator-api.ts): image, `config.data` (the same emqx.conf as the native backend, less what the
 * operator sets), core and replicant templates from the same pod parts as the native StatefulSet,
 * the dashboard Service template (ClusterIP, cores), the listener Service template, bootstrap API
 * keys from Secrets and the blue-green update settings. The operator then creates the StatefulSet,
 * ReplicaSet, PDBs, headless/dashboard/listener Services and cookie Secret (docs/OPERATOR.md).
 */
export class EmqxOperatorResource extends Construct {
  /** The `EMQX` resource (`defaultChild`, for escape hatches). */
  public readonly resource: ApiObject;

  /**
   * @param config the rendered `config.data`
   * @param listenerService the listener Service the operator's `listenersServiceTemplate` carries, if any
   */
  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster, config: string, listenerService?: ListenerServiceShape) {
    super(scope, id);
    const op = cluster.operator!;
    const labels = new ClusterLabels(cluster);
    const replicant = cluster.replicants > 0 ? nodeTemplate(cluster, 'replicant', cluster.replicants, cluster.replicantResources) : undefined;
    const spec: OperatorEmqxSpec = {
      image: cluster.image,
      // one per EMQX resource: the workload settings make both roles agree
      imagePullPolicy: cluster.workload.core.imagePullPolicy,
      imagePullSecrets: cluster.workload.core.imagePullSecrets.length ? cluster.workload.core.imagePullSecrets.map((name) => ({ name })) : undefined,
      clusterDomain: cluster.clusterDomain,
      serviceAccountName: cluster.names.serviceAccount,
      revisionHistoryLimit: op.revisionHistoryLimit,
      bootstrapAPIKeys: bootstrapApiKeys(cluster),
      config: { mode: op.configMode, data: config },
      updateStrategy: {
        type: 'Recreate',
        initialDelaySeconds: op.initialDelaySeconds,
        evacuationStrategy: {
          waitTakeover: op.evacuation.waitTakeoverSeconds,
          connEvictRate: op.evacuation.connectionEvictionRate,
          sessEvictRate: op.evacuation.sessionEvictionRate,
        },
      },
      coreTemplate: nodeTemplate(cluster, 'core', cluster.cores, cluster.coreResources),
      replicantTemplate: replicant,
      dashboardServiceTemplate: {
        enabled: true,
        metadata: { name: cluster.names.dashboardService, labels: labels.metadata('dashboard'), ...nonEmptyAnnotations(cluster.serviceAnnotations.dashboard) },
        spec: {
          type: 'ClusterIP',
          ports: [{ name: 'dashboard', port: cluster.ports.dashboard, protocol: 'TCP', targetPort: 'dashboard' }],
        },
      },
      listenersServiceTemplate: listenersServiceTemplate(listenerService),
    };
    this.resource = kubeObject<{ apiVersion?: string; kind?: 'EMQX'; metadata?: ObjectMeta; spec: OperatorEmqxSpec }>(this, 'Resource', {
      apiVersion: op.apiVersion,
      kind: 'EMQX',
      metadata: { name: cluster.name, namespace: cluster.namespace, labels: labels.metadata('emqx') },
      spec,
    });
  }
}
