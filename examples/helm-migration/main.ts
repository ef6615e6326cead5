// Migrating from the EMQX Helm chart: the values a platform team sets on day one, as typed settings (docs/WORKLOAD.md
// maps each Helm value to its setting). Cores on dedicated broker nodes, replicants on spot nodes; a private
// registry; a log shipper sidecar; the IRSA role on the ServiceAccount; NLB subnets and security groups; seed 004's
// probe delay and topic alias; the chart's emqxConfig as extraConfig. Enterprise 5.8.9 with a license.
import { App, Chart } from 'cdk8s';
import {
  Authenticator, AuthorizationSource, EmqxCluster, EmqxClusterSpec, EmqxEdition, EmqxVersion, Exposure, ListenerType, Peer, Tls, writeReports,
} from 'emqx-constructs';

const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';

export const helmMigrationSpec: EmqxClusterSpec = {
  name: 'emqx',
  version: EmqxVersion.V5_8_9,
  edition: EmqxEdition.ENTERPRISE,
  // image.repository: the team's registry mirror
  imageRepository: 'registry.acme.example/mirror/emqx/emqx-enterprise',
  cores: 3,
  replicants: 3,
  license: { secretName: 'emqx-license', key: 'license.key' },
  storage: { size: '50Gi', storageClassName: 'gp3' },
  listeners: [
    {
      type: ListenerType.SSL,
      tls: Tls.certManager({ clusterIssuer: 'acme-public' }),
      // service.annotations of the chart: the controller's settings the library does not model
      exposure: Exposure.awsNlb({
        scheme: 'internet-facing',
        hostname: 'mqtt.acme.example',
        sourceRanges: ['198.51.100.0/24'],
        annotations: {
          [`${ANN}subnets`]: 'subnet-0aa11bb22cc33dd44,subnet-0ee55ff66aa77bb88',
          [`${ANN}security-groups`]: 'sg-0123456789abcdef0',
          [`${ANN}target-group-attributes`]: 'deregistration_delay.timeout_seconds=30',
        },
      }),
    },
  ],
  authentication: [Authenticator.http({ url: 'http://device-auth.iam.svc:8080/mqtt/auth', networkPeer: Peer.namespace('iam') })],
  authorization: { sources: [AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'all', topics: ['devices/${clientid}/#'] }])] },
  networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
  workload: {
    // imagePullSecrets / image.pullPolicy
    imagePullSecrets: ['registry-acme'],
    imagePullPolicy: 'IfNotPresent',
    // podAnnotations / podLabels: on the pods only
    podAnnotations: { 'fluentbit.io/exclude': 'true' },
    podLabels: { 'acme.example/cost-center': 'iot-platform' },
    // extraEnv / extraEnvFrom
    env: [{ name: 'TZ', value: 'UTC' }],
    envFrom: [{ configMapRef: 'emqx-site-env' }],
    // extraVolumes / extraVolumeMounts and a sidecar that ships the node's files
    volumes: [{ name: 'fluent-bit-config', configMap: { name: 'emqx-fluent-bit' } }],
    sidecars: [{
      name: 'log-shipper',
      image: 'fluent/fluent-bit:3.1.9',
      volumeMounts: [{ name: 'fluent-bit-config', mountPath: '/fluent-bit/etc', readOnly: true }, { name: 'log', mountPath: '/emqx-log', readOnly: true }],
      resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      securityContext: { readOnlyRootFilesystem: true },
    }],
    // seed 004: livenessProbe.initialDelaySeconds 30, periodSeconds 10
    probes: { liveness: { initialDelaySeconds: 30, periodSeconds: 10 } },
    // serviceAccount.annotations: the IRSA role the nodes' own AWS calls use
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/emqx-nodes' },
    cores: {
      // nodeSelector / tolerations / priorityClassName: dedicated broker nodes
      nodeSelector: { 'node-role.acme.example/broker': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'emqx', effect: 'NoSchedule' }],
      priorityClassName: 'broker-critical',
    },
    replicants: {
      // spot nodes, preferred rather than required; at most a third down in a drain
      tolerations: [{ key: 'karpenter.sh/capacity-type', operator: 'Equal', value: 'spot', effect: 'NoSchedule' }],
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 80, preference: { matchExpressions: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] } }],
        },
      },
      maxUnavailable: '34%',
    },
  },
  // seed 004's topic alias, typed
  mqtt: { maxTopicAlias: 65535 },
  // emqxConfig of the chart, for what the typed spec does not model: the $SYS topics' intervals
  extraConfig: { all: 'sys_topics {\n  sys_msg_interval = 2m\n  sys_heartbeat_interval = 1m\n}' },
  acknowledgements: [{ id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'devices authenticate with per-device credentials over TLS, as they did with the Helm release' }],
};

export function build(app: App): Chart {
  const chart = new Chart(app, 'helm-migration', { namespace: 'emqx-system', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', helmMigrationSpec);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  writeReports(app, 'reports');
}
