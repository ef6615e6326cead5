// The Pulumi program (Pulumi.yaml `main: stacks/`). It deploys exactly the objects `cdk8s synth`
// writes for the default example: the chart is built in memory from the same constructs and its
// objects are handed to a ConfigGroup. Per-region stacks with AWS resources build on this.
import * as k8s from '@pulumi/kubernetes';
import { App } from 'cdk8s';
import { build } from '../examples/enterprise-cluster/main';

export function defaultExampleObjects(): any[] {
  return build(new App({ outdir: '.cdk8s-out' })).toJson();
}

export const manifests = new k8s.yaml.v2.ConfigGroup('emqx', { objs: defaultExampleObjects() });
