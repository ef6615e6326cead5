// An open-source EMQX 5.8 cluster of 3 core nodes (open source has no replicants from 5.8.0).
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxEdition, EmqxVersion, ListenerType, Peer, Size, writeReports } from 'emqx-constructs';

export function build(app: App): Chart {
  const chart = new Chart(app, 'open-source-cluster', { namespace: 'mqtt', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', {
    name: 'broker',
    version: EmqxVersion.V5_8_9,
    edition: EmqxEdition.OPEN_SOURCE,
    cores: 3,
    // per node: at most 200k devices, 500 new connections a second; per device: 100 msg/s, 64KB/s
    listeners: [{ type: ListenerType.TCP, maxConnections: 200_000, maxConnRate: 500, messagesPerSecond: 100, bytesPerSecond: Size.kibibytes(64) }],
    mqtt: { maxPacketSize: Size.mebibytes(1), maxClientIdLength: 128, keepaliveMultiplier: 1.5 },
    // ServiceMonitor, alerts and dashboard with the defaults (5.8 scrapes data_integration too)
    monitoring: {},
    networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] },
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
