// An enterprise EMQX 5.4 cluster of 3 cores with static seeds: every core's node name is computed
// from the StatefulSet and headless Service names, so the seed list cannot drift from the pods.
import { App, Chart } from 'cdk8s';
import { Discovery, EmqxCluster, EmqxEdition, EmqxVersion, ListenerType } from '../../lib';

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
    listeners: [{ type: ListenerType.TCP, name: 'internal', port: 11883, proxyProtocol: true, messagesPerSecond: 1000 }],
    mqtt: { keepaliveMultiplier: 2 },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
