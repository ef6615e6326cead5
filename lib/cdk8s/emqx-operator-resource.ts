import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Emqxv2Beta1,
  Emqxv2Beta1SpecBootstrapApiKeys,
  Emqxv2Beta1SpecConfigMode,
  Emqxv2Beta1SpecCoreTemplateSpec,
  Emqxv2Beta1SpecCoreTemplateSpecExtraVolumes,
  Emqxv2Beta1SpecCoreTemplateSpecLivenessProbeHttpGetPort,
  Emqxv2Beta1SpecCoreTemplateSpecMaxUnavailable,
  Emqxv2Beta1SpecCoreTemplateSpecResourcesLimits,
  Emqxv2Beta1SpecCoreTemplateSpecVolumeClaimTemplatesResourcesRequests,
  Emqxv2Beta1SpecDashboardServiceTemplateSpecPortsTargetPort,
  Emqxv2Beta1SpecListenersServiceTemplate,
  Emqxv2Beta1SpecListenersServiceTemplateSpecPortsTargetPort,
  Emqxv2Beta1SpecReplicantTemplateSpec,
  Emqxv2Beta1SpecUpdateStrategyType,
} from '../imports/apps.emqx.io';
import { ClusterLabels } from '../model/cluster-labels';
import { NodeResources, ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { NodeRole } from '../hocon/emqx-config';
import { ListenerServiceShape, nonEmptyAnnotations } from '../model/listener-service-shape';
import { nodePodParts, podContainers, podProbe, podResources, podVolumes } from '../workload/node-pod-parts';

/**
 * The operator's `coreTemplate`/`replicantTemplate` of one role from the same {@link nodePodParts} as
 * the native pod template. The operator adds its own volumes (config, log, data, bootstrap API key)
 * and environment (node name, role, cookie, DNS discovery); ours come after, as extras.
 */
function nodeTemplate(c: ResolvedEmqxCluster, role: NodeRole, replicas: number, r: NodeResources) {
  // config.data reaches running nodes through the operator's REST calls, so only the ACL file (read
  // at boot) goes into the pod template's hash: hashing the config would turn every config change
  // into a blue-green update with new PVCs
  const parts = nodePodParts(c, role, '');
  const spec: Emqxv2Beta1SpecCoreTemplateSpec = {
    replicas,
    // the operator makes one PDB per role from these
    maxUnavailable: typeof parts.maxUnavailable === 'number' ? Emqxv2Beta1SpecCoreTemplateSpecMaxUnavailable.fromNumber(parts.maxUnavailable) : Emqxv2Beta1SpecCoreTemplateSpecMaxUnavailable.fromString(parts.maxUnavailable),
    resources: podResources(r, Emqxv2Beta1SpecCoreTemplateSpecResourcesLimits.fromString),
    podSecurityContext: parts.podSecurityContext,
    containerSecurityContext: parts.containerSecurityContext,
    topologySpreadConstraints: parts.topologySpreadConstraints,
    ports: parts.ports,
    env: parts.env,
    envFrom: parts.envFrom.length ? parts.envFrom : undefined,
    nodeSelector: parts.nodeSelector,
    tolerations: parts.tolerations,
    affinity: parts.affinity,
    initContainers: parts.initContainers.length ? podContainers(parts.initContainers, Emqxv2Beta1SpecCoreTemplateSpecResourcesLimits.fromString) : undefined,
    extraContainers: parts.sidecars.length ? podContainers(parts.sidecars, Emqxv2Beta1SpecCoreTemplateSpecResourcesLimits.fromString) : undefined,
    extraVolumes: parts.extraVolumes.length ? podVolumes(parts.extraVolumes, Emqxv2Beta1SpecCoreTemplateSpecResourcesLimits.fromString) as Emqxv2Beta1SpecCoreTemplateSpecExtraVolumes[] : undefined,
    extraVolumeMounts: parts.extraVolumeMounts.length ? parts.extraVolumeMounts : undefined,
    startupProbe: podProbe(parts.startupProbe, Emqxv2Beta1SpecCoreTemplateSpecLivenessProbeHttpGetPort.fromString),
    readinessProbe: podProbe(parts.readinessProbe, Emqxv2Beta1SpecCoreTemplateSpecLivenessProbeHttpGetPort.fromString),
    livenessProbe: podProbe(parts.livenessProbe, Emqxv2Beta1SpecCoreTemplateSpecLivenessProbeHttpGetPort.fromString),
    volumeClaimTemplates:
      role === 'core'
        ? {
            accessModes: ['ReadWriteOnce'],
            storageClassName: c.storage.storageClassName,
            resources: { requests: { storage: Emqxv2Beta1SpecCoreTemplateSpecVolumeClaimTemplatesResourcesRequests.fromString(c.storage.size) } },
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

function bootstrapApiKeys(c: ResolvedEmqxCluster): Emqxv2Beta1SpecBootstrapApiKeys[] | undefined {
  const keys: Emqxv2Beta1SpecBootstrapApiKeys[] = [];
  const m = c.monitoring?.apiKey;
  if (m) keys.push({ secretRef: { key: { secretName: m.secretName, secretKey: m.usernameKey }, secret: { secretName: m.secretName, secretKey: m.passwordKey } } });
  const b = c.backup?.apiKey;
  if (b) keys.push({ secretRef: { key: { secretName: b.secretName, secretKey: b.keyKey }, secret: { secretName: b.secretName, secretKey: b.secretKey } } });
  return keys.length ? keys : undefined;
}

function listenersServiceTemplate(shape: ListenerServiceShape | undefined): Emqxv2Beta1SpecListenersServiceTemplate {
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
      ports: shape.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, targetPort: Emqxv2Beta1SpecListenersServiceTemplateSpecPortsTargetPort.fromString(p.targetPort) })),
    },
  };
}

/**
 * The cluster as one EMQX Operator `EMQX` resource (`apps.emqx.io/v2beta1`, generated by
 * `cdk8s import`): image, `config.data` (the same emqx.conf as the native backend, less what the
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
    this.resource = new Emqxv2Beta1(this, 'Resource', {
      metadata: { name: cluster.name, namespace: cluster.namespace, labels: labels.metadata('emqx') },
      spec: {
        image: cluster.image,
        // one per EMQX resource: the workload settings make both roles agree
        imagePullPolicy: cluster.workload.core.imagePullPolicy,
        imagePullSecrets: cluster.workload.core.imagePullSecrets.length ? cluster.workload.core.imagePullSecrets.map((name) => ({ name })) : undefined,
        clusterDomain: cluster.clusterDomain,
        serviceAccountName: cluster.names.serviceAccount,
        revisionHistoryLimit: op.revisionHistoryLimit,
        bootstrapApiKeys: bootstrapApiKeys(cluster),
        config: { mode: op.configMode as Emqxv2Beta1SpecConfigMode, data: config },
        updateStrategy: {
          type: Emqxv2Beta1SpecUpdateStrategyType.RECREATE,
          initialDelaySeconds: op.initialDelaySeconds,
          evacuationStrategy: {
            waitTakeover: op.evacuation.waitTakeoverSeconds,
            connEvictRate: op.evacuation.connectionEvictionRate,
            sessEvictRate: op.evacuation.sessionEvictionRate,
          },
        },
        coreTemplate: nodeTemplate(cluster, 'core', cluster.cores, cluster.coreResources),
        replicantTemplate: replicant ? { metadata: replicant.metadata, spec: replicant.spec as Emqxv2Beta1SpecReplicantTemplateSpec } : undefined,
        dashboardServiceTemplate: {
          enabled: true,
          metadata: { name: cluster.names.dashboardService, labels: labels.metadata('dashboard'), ...nonEmptyAnnotations(cluster.serviceAnnotations.dashboard) },
          spec: {
            type: 'ClusterIP',
            ports: [{ name: 'dashboard', port: cluster.ports.dashboard, protocol: 'TCP', targetPort: Emqxv2Beta1SpecDashboardServiceTemplateSpecPortsTargetPort.fromString('dashboard') }],
          },
        },
        listenersServiceTemplate: listenersServiceTemplate(listenerService),
      },
    });
  }
}
