import * as pulumi from '@pulumi/pulumi';
import { SiteOutputs } from './site-outputs';

/** The outputs a hub stack exports for its plants (what `HubRegion.outputs` holds). */
export interface HubStackOutputs {
  /** `host:port` of the hub's bridge listener. */
  readonly hubEndpoint: string;
  /** The CA (PEM) that signed the hub's bridge certificate. */
  readonly hubCaPem: string;
  /** The federation's name. */
  readonly federation: string;
  /** The hub site's outputs, by site name. */
  readonly sites: Record<string, SiteOutputs>;
  /** The hub region's backup bucket. @default - none, without backups */
  readonly backupBucket?: string;
}

/** A typed view of a hub stack (`<org>/<project>/<stack>`), for plant stacks. */
export class HubStackReference {
  private readonly ref: pulumi.StackReference;

  constructor(name: string, stack: string, opts?: pulumi.CustomResourceOptions) {
    this.ref = new pulumi.StackReference(name, { name: stack }, opts);
  }

  /** The hub's bridge endpoint, `host:port`. */
  public get hubEndpoint(): pulumi.Output<string> {
    return this.ref.requireOutput('hubEndpoint') as pulumi.Output<string>;
  }

  /** The CA plants must trust (kept secret in transit: it comes from a Secret in the hub cluster). */
  public get hubCaPem(): pulumi.Output<string> {
    return pulumi.secret(this.ref.requireOutput('hubCaPem') as pulumi.Output<string>);
  }

  /** The hub site's outputs, by site name. */
  public get sites(): pulumi.Output<Record<string, SiteOutputs>> {
    return this.ref.requireOutput('sites') as pulumi.Output<Record<string, SiteOutputs>>;
  }

  /** The federation name, to check that plant and hub stacks describe the same federation. */
  public get federation(): pulumi.Output<string> {
    return this.ref.requireOutput('federation') as pulumi.Output<string>;
  }
}
