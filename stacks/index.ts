// The Pulumi program (Pulumi.yaml `main: stacks/`). It deploys exactly the objects `cdk8s synth`
// writes for the default example: the EmqxClusterComponent builds the same construct in memory,
// runs the same checks, and hands the objects to a ConfigGroup. Per-region stacks with AWS
// resources build on this.
import { EmqxClusterComponent } from '../lib/pulumi/emqx-cluster-component';
import { defaultClusterSpec } from '../examples/enterprise-cluster/main';

export const cluster = new EmqxClusterComponent('emqx', { cluster: defaultClusterSpec, namespace: 'iot' });
export const manifests = cluster.manifests;
