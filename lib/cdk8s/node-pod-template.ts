import { k8s } from 'cdk8s-plus-28';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { configFileName, NodeRole } from '../spec/emqx-config';
import { DATA_VOLUME, nodePodParts, podProbe, podResources } from '../spec/node-pod-parts';

/**
 * The pod template of one node role for the native backend, from the role's {@link nodePodParts}
 * (shared with the EMQX Operator's templates) plus what only our own workloads have: the config
 * and log volumes, the data mount, the ServiceAccount token rule and the grace period. `conf` is the
 * role's rendered emqx.conf (as in the ConfigMap).
 */
export function nodePodTemplate(c: ResolvedEmqxCluster, role: NodeRole, conf: string): k8s.PodTemplateSpec {
  const parts = nodePodParts(c, role, conf);
  const volumes: k8s.Volume[] = [
    { name: 'config', configMap: { name: c.names.configMap } },
    { name: 'log', emptyDir: {} },
  ];
  if (role === 'replicant') volumes.push({ name: DATA_VOLUME, emptyDir: {} });
  volumes.push(...parts.extraVolumes);
  return {
    metadata: { labels: parts.labels, annotations: parts.annotations },
    spec: {
      serviceAccountName: c.names.serviceAccount,
      // only the k8s discovery strategy talks to the API server
      automountServiceAccountToken: c.discovery.strategy === 'k8s',
      terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
      securityContext: parts.podSecurityContext,
      topologySpreadConstraints: parts.topologySpreadConstraints,
      containers: [
        {
          name: 'emqx',
          image: c.image,
          imagePullPolicy: 'IfNotPresent',
          ports: parts.ports,
          env: parts.env,
          resources: podResources(role === 'core' ? c.coreResources : c.replicantResources, k8s.Quantity.fromString),
          securityContext: parts.containerSecurityContext,
          volumeMounts: [
            { name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: configFileName(role), readOnly: true },
            { name: DATA_VOLUME, mountPath: '/opt/emqx/data' },
            { name: 'log', mountPath: '/opt/emqx/log' },
            ...parts.extraVolumeMounts,
          ],
          startupProbe: podProbe(parts.startupProbe, k8s.IntOrString.fromString),
          readinessProbe: podProbe(parts.readinessProbe, k8s.IntOrString.fromString),
          livenessProbe: podProbe(parts.livenessProbe, k8s.IntOrString.fromString),
        },
      ],
      volumes,
    },
  };
}
