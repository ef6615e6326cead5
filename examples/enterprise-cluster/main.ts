// The default example: an enterprise EMQX 6.0 cluster of 3 cores and 3 replicants in namespace `iot`,
// discovering each other through DNS SRV records of the headless Service, licensed from a Secret.
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxVersion, Exposure, ListenerType } from '../../lib';

export function build(app: App): Chart {
  const chart = new Chart(app, 'enterprise-cluster', { namespace: 'iot', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', {
    name: 'emqx',
    version: EmqxVersion.of('6.0.1'),
    cores: 3,
    replicants: 3,
    // a Secret you create: kubectl -n iot create secret generic emqx-license --from-file=license.key
    license: { secretName: 'emqx-license', key: 'license.key' },
    storage: { size: '20Gi', storageClassName: 'gp3' },
    coreResources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
    replicantResources: { requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } },
    listeners: [
      // in-cluster clients (ClusterIP Service emqx-mqtt)
      { type: ListenerType.TCP, maxConnections: 500_000 },
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
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
