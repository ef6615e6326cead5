// This repository's Pulumi program (Pulumi.yaml `main: stacks/`): the one a user writes, over the public API of
// 'emqx-constructs/pulumi' and this repository's example specs. One stack per region; `emqx:role` in the stack's
// config says what it deploys (docs/PULUMI.md):
// - `hub` (Pulumi.eu-west-1.yaml): the federation's hub, its DNS names and backups; outputs the hub endpoint and CA;
// - `plants` (Pulumi.eu-central-1.yaml): the plants of this region, bridged to the hub of `emqx:hubStack`;
// - `cluster` (the default): the default example cluster alone.
import { deployRegion } from 'emqx-constructs/pulumi';
import { defaultClusterSpec } from '../examples/enterprise-cluster/main';
import { federationSpec } from '../examples/federation/main';

export = deployRegion({ federation: federationSpec, cluster: defaultClusterSpec }).outputs;
