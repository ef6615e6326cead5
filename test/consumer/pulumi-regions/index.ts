// The whole Pulumi program of the user's repo (Pulumi.yaml `main: index.ts`): one stack per region, the role in
// each stack's config (`emqx:role: hub` in Pulumi.eu-west-1.yaml, `emqx:role: plants` in Pulumi.eu-central-1.yaml).
import { deployRegion } from 'emqx-constructs/pulumi';
import { federation } from './federation';

export = deployRegion({ federation }).outputs;
