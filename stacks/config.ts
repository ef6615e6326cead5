// The stack configuration, typed. Keys (namespace `emqx`; secrets with `pulumi config set --secret`):
//   emqx:role              cluster (default) | hub | plants
//   emqx:region            the AWS region of this stack (explicit provider)
//   emqx:kubeContext       kubeconfig context of the region's Kubernetes cluster (or emqx:kubeconfig, secret)
//   emqx:hostedZoneId      Route53 zone of the NLB hostnames
//   emqx:oidcProviderArn   the EKS OIDC provider (IRSA for the backup jobs)
//   emqx:oidcIssuer        its issuer without https://
//   emqx:backupBucket      the region's backup bucket name
//   emqx:plants            (plants) the plant sites this region runs, e.g. ["plant-lyon","plant-porto"]
//   emqx:hubStack          (plants) the hub stack, <org>/<project>/<stack>
//   secrets: emqx:cookie, emqx:dashboardPassword, emqx:license, emqx:backupApiKey, emqx:backupApiSecret,
//            emqx:bridgePasswords (JSON object: plant name -> bridge password)
import * as pulumi from '@pulumi/pulumi';

export interface StackConfig {
  readonly role: 'cluster' | 'hub' | 'plants';
  readonly region: string;
  readonly kubeContext?: string;
  readonly kubeconfig?: pulumi.Output<string>;
  readonly hostedZoneId: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuer: string;
  readonly backupBucket: string;
  readonly plants: string[];
  readonly hubStack?: string;
  readonly cookie: pulumi.Output<string>;
  readonly dashboardPassword: pulumi.Output<string>;
  readonly license?: pulumi.Output<string>;
  readonly backupApiKey: pulumi.Output<string>;
  readonly backupApiSecret: pulumi.Output<string>;
  readonly bridgePasswords: pulumi.Output<Record<string, string>>;
}

export function readStackConfig(): StackConfig {
  const c = new pulumi.Config('emqx');
  const role = (c.get('role') ?? 'cluster') as StackConfig['role'];
  if (!['cluster', 'hub', 'plants'].includes(role)) throw new Error(`emqx:role must be cluster, hub or plants, not ${role}`);
  return {
    role,
    region: c.require('region'),
    kubeContext: c.get('kubeContext'),
    kubeconfig: c.getSecret('kubeconfig'),
    hostedZoneId: c.require('hostedZoneId'),
    oidcProviderArn: c.require('oidcProviderArn'),
    oidcIssuer: c.require('oidcIssuer'),
    backupBucket: c.require('backupBucket'),
    plants: c.getObject<string[]>('plants') ?? [],
    hubStack: c.get('hubStack'),
    cookie: c.requireSecret('cookie'),
    dashboardPassword: c.requireSecret('dashboardPassword'),
    license: c.getSecret('license'),
    backupApiKey: c.requireSecret('backupApiKey'),
    backupApiSecret: c.requireSecret('backupApiSecret'),
    bridgePasswords: c.getSecretObject<Record<string, string>>('bridgePasswords') ?? pulumi.secret<Record<string, string>>({}),
  };
}
