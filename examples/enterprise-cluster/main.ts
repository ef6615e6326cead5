// The default example: an EMQX 6.3 cluster (today's release, the hardened security profile and only the features it
// needs) of 3 cores and 3 replicants in namespace `iot`,
// discovering each other through DNS SRV records of the headless Service, licensed from a Secret.
// Devices on the internet use MQTT over TLS (8883) through a public NLB with a certificate from
// cert-manager; in-cluster clients use plain MQTT on the ClusterIP Service; plant-floor gateways
// come through an internal NLB.
import { App, Chart } from 'cdk8s';
import { Authenticator, AuthorizationSource, EmqxCluster, EmqxClusterSpec, EmqxVersion, Exposure, ListenerType, Peer, Tls, writeReports } from 'emqx-constructs';

/** The cluster of this example, shared by the cdk8s app and the Pulumi stack. */
export const defaultClusterSpec: EmqxClusterSpec = {
  name: 'emqx',
  version: EmqxVersion.of('6.3.1'),
  cores: 3,
  replicants: 3,
  // a Secret you create: kubectl -n iot create secret generic emqx-license --from-file=license.key
  license: { secretName: 'emqx-license', key: 'license.key' },
  storage: { size: '20Gi', storageClassName: 'gp3' },
  coreResources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
  replicantResources: { requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } },
  listeners: [
    // in-cluster clients (ClusterIP Service emqx-mqtt): this namespace and the data platform's
    { type: ListenerType.TCP, maxConnections: 500_000, allowFrom: [Peer.sameNamespace(), Peer.namespace('data-platform')] },
    // devices on the internet: mqtts through a public NLB; TLS ends in the pods with a certificate
    // that cert-manager issues from your private CA ClusterIssuer for the public name, the Service
    // and every core pod (kubectl get certificate -n iot emqx-mqtt-ssl-tls)
    {
      type: ListenerType.SSL,
      maxConnections: 500_000,
      maxConnRate: 2000,
      exposure: Exposure.awsNlb({ name: 'public', scheme: 'internet-facing', hostname: 'mqtt.iot.example.com' }),
      tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }),
    },
    // plant-floor devices through an internal AWS NLB, only from the plant networks; the NLB sends
    // PROXY protocol so EMQX sees each device's own address
    {
      type: ListenerType.TCP,
      name: 'devices',
      port: 2883,
      proxyProtocol: true,
      maxConnRate: 1000,
      exposure: Exposure.awsNlb({ name: 'devices', scheme: 'internal', sourceRanges: ['10.20.0.0/16', '10.30.0.0/16'] }),
    },
  ],
  // Prometheus Operator: ServiceMonitor over every node with an API key (kubectl -n iot create secret
  // generic emqx-metrics --from-literal=api-key=prometheus --from-literal=api-secret=... \
  //   --from-literal=bootstrap=prometheus:...:viewer), alerts sized for 3 cores + 3 replicants, a dashboard
  monitoring: {
    selectorLabels: { release: 'kube-prometheus-stack' },
    targetLabels: { region: 'eu-west-1' },
    apiKey: { secretName: 'emqx-metrics' },
    alerts: { licenseConnections: 1_000_000 },
  },
  // every device authenticates against the fleet's auth service; 6.x caches results on each node so a
  // reconnect storm does not become an auth-service storm
  authentication: [Authenticator.http({ url: 'http://device-auth.iam.svc:8080/mqtt/auth', networkPeer: Peer.namespace('iam') })],
  authenticationCache: { ttl: '5m' },
  // deny by default (no_match = deny, and only these rules: EMQX's permissive acl.conf is never loaded):
  // each device publishes and subscribes under its own subtree; the data platform's consumer reads them all
  authorization: {
    sources: [
      AuthorizationSource.file([
        { permission: 'allow', who: { username: 'data-platform' }, action: 'subscribe', topics: ['devices/#'] },
        { permission: 'allow', who: 'all', action: 'all', topics: ['devices/${clientid}/#'] },
      ]),
    ],
  },
  // default-deny NetworkPolicies plus exactly what EMQX needs; the NLBs' health checks come from the VPC
  networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] },
  // a daily export of configuration, users and rules to S3 (the Pulumi stack creates the bucket and the
  // IRSA role; with cdk8s alone, name yours); the API key needs the administrator role
  backup: {
    bucket: 'iiot-emqx-backups-eu-west-1',
    region: 'eu-west-1',
    apiKey: { secretName: 'emqx-backup-api-key' },
    roleArn: 'arn:aws:iam::123456789012:role/emqx-backup',
  },
  // devices ping at least every 2 minutes, well inside the NLBs' 350 s idle timeout (checked)
  mqtt: { deviceKeepaliveSeconds: 120 },
  acknowledgements: [
    {
      // 6.3 no longer substitutes ids holding '/', '+' or '#' into devices/${clientid}/#
      id: 'EMQX-AclTemplateIdentitySlash',
      reason: "device client ids are serial numbers the fleet's auth service issues; it refuses ids with '/', '+' or '#'",
    },
    {
      id: 'EMQX-PublicTlsWithoutClientCertificates',
      reason: 'internet devices authenticate with per-device credentials over TLS; client certificates are rolled out plant by plant (see the mtls-devices example)',
    },
  ],
};

export function build(app: App): Chart {
  const chart = new Chart(app, 'enterprise-cluster', { namespace: 'iot', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', defaultClusterSpec);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
