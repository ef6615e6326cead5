import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { NlbDnsRecords, nlbServicesWithHostname } from './nlb-dns-records';
import { RegionConfig } from './region-config';

/** The providers of one region: its Kubernetes cluster and, when the stack creates AWS resources, its AWS region. */
export interface RegionProviders {
  /** The region's Kubernetes cluster. */
  readonly kubernetes: k8s.Provider;
  /** The region's AWS provider. @default - none: no AWS resources (no DNS, no backups) */
  readonly aws?: aws.Provider;
}

/** Explicit providers from a region's config (`emqx:kubeContext`/`emqx:kubeconfig`, `emqx:region`), parented to `parent`. */
export function regionProviders(name: string, config: RegionConfig, parent: pulumi.Resource): RegionProviders {
  return {
    kubernetes: new k8s.Provider(`${name}-k8s`, { kubeconfig: config.kubeconfig, context: config.kubeContext }, { parent }),
    aws: config.region ? new aws.Provider(`${name}-aws`, { region: config.region as aws.Region }, { parent }) : undefined,
  };
}

/** The AWS provider, or an error naming the config key that would give it. */
export function requireAws(providers: RegionProviders, what: string): aws.Provider {
  if (!providers.aws) throw new Error(`${what} needs an AWS provider: set emqx:region (or aws:region), or pass providers.aws`);
  return providers.aws;
}

/**
 * The Route53 records of one site's NLB hostnames, when the region has a hosted zone and the site has such
 * hostnames (the records wait for the site's objects).
 */
export function siteDnsRecords(name: string, objects: Record<string, any>[], manifests: pulumi.Resource, config: RegionConfig, providers: RegionProviders, parent: pulumi.Resource): NlbDnsRecords | undefined {
  if (!config.hostedZoneId || !nlbServicesWithHostname(objects).length) return undefined;
  return new NlbDnsRecords(name, {
    objects,
    zoneId: config.hostedZoneId,
    dependsOn: [manifests],
    kubernetesProvider: providers.kubernetes,
    awsProvider: requireAws(providers, 'the DNS records'),
  }, { parent });
}
