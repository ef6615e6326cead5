import { k8s } from 'cdk8s-plus-28';
import { NodeResources, ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';
import { configFileName, NodeRole } from '../spec/emqx-config';
import { DATA_VOLUME, nodePodParts, PodProbe } from '../spec/node-pod-parts';

function quantities(q: { cpu?: string; memory?: string } | undefined): Record<string, k8s.Quantity> | undefined {
  if (!q) return undefined;
  const out: Record<string, k8s.Quantity> = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  return Object.keys(out).length ? out : undefined;
}

/** Container resources as cdk8s-plus quantities. */
export function resources(r: NodeResources): k8s.ResourceRequirements {
  return { requests: quantities(r.requests), limits: quantities(r.limits) };
}

function probe(p: PodProbe): k8s.Probe {
  return {
    httpGet: { path: p.path, port: k8s.IntOrString.fromString(p.portName) },
    periodSeconds: p.periodSeconds,
    failureThreshold: p.failureThreshold,
    timeoutSeconds: p.timeoutSeconds,
  };
}

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
          resources: resources(role === 'core' ? c.coreResources : c.replicantResources),
          securityContext: parts.containerSecurityContext,
          volumeMounts: [
            { name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: configFileName(role), readOnly: true },
            { name: DATA_VOLUME, mountPath: '/opt/emqx/data' },
            { name: 'log', mountPath: '/opt/emqx/log' },
            ...parts.extraVolumeMounts,
          ],
          startupProbe: probe(parts.startupProbe),
          readinessProbe: probe(parts.readinessProbe),
          livenessProbe: probe(parts.livenessProbe),
        },
      ],
      volumes,
    },
  };
}
