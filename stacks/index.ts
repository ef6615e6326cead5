// The Pulumi program (Pulumi.yaml `main: stacks/`), one stack per region (config: stacks/config.ts):
// - role `hub`: the federation's hub, its DNS names and backups; exports the hub endpoint and CA;
// - role `plants`: the plants of this region, bridged to the hub of `emqx:hubStack`;
// - role `cluster` (default): the default example cluster alone.
// Every site is rendered from the same constructs as `cdk8s synth` (examples/federation/main.ts).
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import { EmqxClusterComponent } from 'emqx-constructs/pulumi';
import { defaultClusterSpec } from '../examples/enterprise-cluster/main';
import { federationSpec } from '../examples/federation/main';
import { readStackConfig } from './config';
import { deployHub } from './hub';
import { deployPlants } from './plants';
import { siteSecrets } from './site-secrets';

const config = readStackConfig();
const providers = {
  kubernetes: new k8s.Provider(`k8s-${config.region}`, { kubeconfig: config.kubeconfig, context: config.kubeContext }),
  aws: new aws.Provider(`aws-${config.region}`, { region: config.region as aws.Region }),
};

function deploy() {
  if (config.role === 'hub') return deployHub(federationSpec, config, providers);
  if (config.role === 'plants') return deployPlants(federationSpec, config, providers);
  const cluster = new EmqxClusterComponent('emqx', {
    cluster: defaultClusterSpec,
    namespace: 'iot',
    secrets: siteSecrets(defaultClusterSpec, config),
    kubernetesProvider: providers.kubernetes,
    createNamespace: true,
  });
  return { cluster, outputs: { namespace: 'iot', objects: cluster.objects.length } };
}

export const deployment = deploy();
export const outputs = deployment.outputs;
