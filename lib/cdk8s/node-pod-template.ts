import { ApiObject, Lazy } from 'cdk8s';
import type { PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import { ACL_CONFIG_KEY } from '../model/authorization';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { configFileName, NodeRole } from '../hocon/emqx-config';
import { CONFIG_HASH_ANNOTATION, configHash, DATA_VOLUME, nodePodParts, podProbe, podResources } from '../workload/node-pod-parts';

/**
 * The pod template of one node role for the native backend, from the role's {@link nodePodParts}
 * (shared with the EMQX Operator's templates) plus what only our own workloads have: the config
 * and log volumes, the data mount, the ServiceAccount token rule and the grace period. `config` is the
 * cluster's ConfigMap: the config-hash annotation is computed from its final content when the pod template is
 * rendered, so a patch of the ConfigMap (an escape hatch) rolls the pods like a spec change does.
 */
export function nodePodTemplate(c: ResolvedEmqxCluster, role: NodeRole, config: { readonly resource: ApiObject; readonly files: Partial<Record<NodeRole, string>> }): PodTemplateSpec {
  const parts = nodePodParts(c, role);
  const hash = Lazy.any({
    produce: () => {
      const data = (config.resource.toJson() as { data?: Record<string, string> }).data ?? {};
      return configHash(data[configFileName(role)] ?? '', data[ACL_CONFIG_KEY]);
    },
  }) as string;
  const volumes: Volume[] = [
    { name: 'config', configMap: { name: c.names.configMap } },
    { name: 'log', emptyDir: {} },
  ];
  if (role === 'replicant') volumes.push({ name: DATA_VOLUME, emptyDir: {} });
  volumes.push(...parts.extraVolumes);
  return {
    metadata: { labels: parts.labels, annotations: { ...parts.annotations, [CONFIG_HASH_ANNOTATION]: hash } },
    spec: {
      serviceAccountName: c.names.serviceAccount,
      nodeSelector: parts.nodeSelector,
      tolerations: parts.tolerations,
      affinity: parts.affinity,
      priorityClassName: parts.priorityClassName,
      imagePullSecrets: parts.imagePullSecrets,
      // only the k8s discovery strategy talks to the API server
      automountServiceAccountToken: c.discovery.strategy === 'k8s',
      terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
      securityContext: parts.podSecurityContext,
      topologySpreadConstraints: parts.topologySpreadConstraints,
      initContainers: parts.initContainers.length ? parts.initContainers : undefined,
      containers: [
        {
          name: 'emqx',
          image: c.image,
          imagePullPolicy: parts.imagePullPolicy,
          ports: parts.ports,
          env: parts.env,
          envFrom: parts.envFrom.length ? parts.envFrom : undefined,
          resources: podResources(role === 'core' ? c.coreResources : c.replicantResources),
          securityContext: parts.containerSecurityContext,
          volumeMounts: [
            { name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: configFileName(role), readOnly: true },
            { name: DATA_VOLUME, mountPath: '/opt/emqx/data' },
            { name: 'log', mountPath: '/opt/emqx/log' },
            ...parts.extraVolumeMounts,
          ],
          startupProbe: podProbe(parts.startupProbe),
          readinessProbe: podProbe(parts.readinessProbe),
          livenessProbe: podProbe(parts.livenessProbe),
        },
        ...parts.sidecars,
      ],
      volumes,
    },
  };
}

