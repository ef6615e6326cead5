import * as pulumi from '@pulumi/pulumi';
import { EmqxClusterSpec } from '../model/emqx-cluster-spec';
import { FederationSpec } from '../federation/federation-spec';
import { ClusterRegion } from './cluster-region';
import { HubRegion } from './hub-region';
import { PlantsRegion } from './plants-region';
import { RegionRole } from './region-config';

/** Arguments of {@link deployRegion}: the specs the program's stacks deploy. */
export interface DeployRegionArgs {
  /** The federation (for `hub` and `plants` stacks). @default - none: hub and plants stacks are refused */
  readonly federation?: FederationSpec;
  /** The cluster (for `cluster` stacks). @default - none: cluster stacks are refused */
  readonly cluster?: EmqxClusterSpec;
  /** The name of the region component (a prefix of every resource name). @default 'emqx' */
  readonly name?: string;
}

/**
 * Deploys what this stack's `emqx:role` says (`cluster` by default, `hub` or `plants`): a {@link ClusterRegion},
 * {@link HubRegion} or {@link PlantsRegion} over the given spec, with the stack's config read and checked. A program
 * of one line per project: `export = deployRegion({ federation }).outputs;`.
 */
export function deployRegion(args: DeployRegionArgs, opts: pulumi.ComponentResourceOptions = {}): ClusterRegion | HubRegion | PlantsRegion {
  const role = (new pulumi.Config('emqx').get('role') ?? 'cluster') as RegionRole;
  const name = args.name ?? 'emqx';
  if (role === 'hub' || role === 'plants') {
    if (!args.federation) throw new Error(`emqx:role is ${role} in Pulumi.${pulumi.getStack()}.yaml, and the program gives no federation: pass deployRegion({ federation })`);
    return role === 'hub' ? new HubRegion(name, { federation: args.federation }, opts) : new PlantsRegion(name, { federation: args.federation }, opts);
  }
  if (role !== 'cluster') throw new Error(`emqx:role must be cluster, hub or plants (got ${role} in Pulumi.${pulumi.getStack()}.yaml)`);
  if (!args.cluster) throw new Error(`emqx:role is cluster in Pulumi.${pulumi.getStack()}.yaml, and the program gives no cluster: pass deployRegion({ cluster }), or set emqx:role to hub or plants`);
  return new ClusterRegion(name, { cluster: args.cluster }, opts);
}
