// An enterprise EMQX 5.4 cluster of 3 cores with static seeds: every core's node name is computed
// from the StatefulSet and headless Service names, so the seed list cannot drift from the pods.
// Devices reach it over TLS that ends at an AWS NLB with an ACM certificate (EMQX gets plain MQTT
// with PROXY protocol v2); browser dashboards use wss with a certificate Secret managed elsewhere.
import { App, Chart } from 'cdk8s';
import { Authenticator, Discovery, EmqxCluster, EmqxEdition, EmqxVersion, Exposure, ListenerType, Peer, Tls, writeReports } from 'emqx-constructs';

export function build(app: App): Chart {
  const chart = new Chart(app, 'enterprise-5-4-static-seeds', { namespace: 'iot-staging', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', {
    name: 'staging',
    version: EmqxVersion.V5_4_1,
    edition: EmqxEdition.ENTERPRISE,
    cores: 3,
    discovery: Discovery.staticSeeds(),
    clusterDomain: 'cluster.local',
    license: { secretName: 'emqx-license', key: 'license.key' },
    // behind a load balancer that sends PROXY protocol headers, so EMQX sees device addresses
    listeners: [
      // only the in-cluster HAProxy that fronts it
      { type: ListenerType.TCP, name: 'internal', port: 11883, proxyProtocol: true, messagesPerSecond: 1000, allowFrom: [Peer.pods({ 'app.kubernetes.io/name': 'haproxy' }, { namespace: 'ingress' })] },
      {
        type: ListenerType.SSL,
        exposure: Exposure.awsNlb({ scheme: 'internet-facing', hostname: 'mqtt.staging.example.com' }),
        tls: Tls.atNlb({ certificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/5d3c8a4e-0000-4000-8000-000000000001'] }),
      },
      // a kubernetes.io/tls Secret synced from Vault by External Secrets
      { type: ListenerType.WSS, tls: Tls.fromSecret({ secretName: 'staging-wss-tls' }) },
    ],
    acknowledgements: [
      { id: 'EMQX-ProxyProtocolWithoutNlb', reason: 'listeners.tcp.internal sits behind the in-cluster HAProxy, which sends PROXY v2 headers' },
      { id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'staging devices authenticate with short-lived tokens; an AWS NLB cannot verify client certificates' },
    ],
    mqtt: { keepaliveMultiplier: 2 },
    // devices present an HMAC-signed JWT as their password; the key comes from a Secret (EMQX_AUTHENTICATION__1__SECRET)
    authentication: [Authenticator.jwt({ secret: { secretName: 'staging-jwt', key: 'hmac-key' }, verifyClaims: { clientid: '${clientid}' } })],
    // 5.4: metrics behind prometheus.enable_basic_auth with a bootstrapped API key
    monitoring: { apiKey: { secretName: 'staging-metrics' }, alerts: { replicantLagTransactions: 500 } },
    networkPolicies: { vpcCidrs: ['10.1.0.0/16'], dashboardFrom: [Peer.namespace('monitoring'), Peer.namespace('ops')] },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
