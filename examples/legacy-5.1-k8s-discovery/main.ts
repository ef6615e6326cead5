// An open-source EMQX 5.1 plant cluster with 3 cores and 2 replicants (open source still has
// replicants before 5.8), discovering nodes through the Kubernetes API: the pods get a
// ServiceAccount and a Role that can read only the headless Service's Endpoints. A development CA
// chain (cert-manager self-signed Issuer -> CA -> Issuer) serves MQTT over TLS to test devices.
import { App, Chart } from 'cdk8s';
import { Discovery, EmqxCluster, EmqxVersion, ListenerType, Peer, Size, Tls, writeReports } from 'emqx-constructs';

export function build(app: App): Chart {
  const chart = new Chart(app, 'legacy-5-1-k8s-discovery', { namespace: 'plant-east', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', {
    name: 'plant-east',
    version: EmqxVersion.of('5.1.6'),
    cores: 3,
    replicants: 2,
    discovery: Discovery.kubernetes(),
    listeners: [
      { type: ListenerType.TCP, maxConnRate: 200 },
      { type: ListenerType.WS, websocketPath: '/mqtt' },
      { type: ListenerType.SSL, tls: Tls.selfSignedCa() },
    ],
    mqtt: { maxPacketSize: Size.kibibytes(256), maxClientIdLength: 64, maxTopicLevels: 16 },
    // 5.1 metrics endpoints have no authentication; scraped pod by pod
    monitoring: { scrape: 'PodMonitor', targetLabels: { plant: 'east' } },
    // k8s discovery talks to the API server: its endpoint addresses (kubectl get endpoints kubernetes)
    networkPolicies: { apiServer: { cidrs: ['10.100.0.10/32', '10.100.1.10/32'], port: 443 }, dashboardFrom: [Peer.namespace('monitoring')] },
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
