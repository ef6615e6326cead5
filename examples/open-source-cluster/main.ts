// An open-source EMQX 5.8 cluster of 3 core nodes (open source has no replicants from 5.8.0).
import { App, Chart } from 'cdk8s';
import { EmqxCluster, EmqxEdition, EmqxVersion } from '../../lib';

export function build(app: App): Chart {
  const chart = new Chart(app, 'open-source-cluster', { namespace: 'mqtt', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', {
    name: 'broker',
    version: EmqxVersion.V5_8_9,
    edition: EmqxEdition.OPEN_SOURCE,
    cores: 3,
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
