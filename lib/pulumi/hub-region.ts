import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Federation } from '../cdk8s/federation';
import { FederationSpec, resolveFederation } from '../federation/federation-spec';
import { BackupBucket } from './backup-bucket';
import { FederationSites, renderFederationSites, siteCanBackUp } from './federation-sites';
import { HubStackOutputs } from './hub-stack-reference';
import { NlbDnsRecords, nlbServicesWithHostname } from './nlb-dns-records';
import { RegionConfig, readRegionConfig } from './region-config';
import { RegionProviders, regionProviders, requireAws, siteDnsRecords } from './region-providers';
import { SiteOutputs, siteOutputs } from './site-outputs';
import { backupApiKeys, bridgeUsersCsv, siteSecrets } from './site-secrets';
import { refuseTransforms } from './transforms-policy';

/** A stack's outputs as Pulumi Outputs, one per key of the plain contract `T`. */
export type StackOutputs<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

/** Arguments of {@link HubRegion}. */
export interface HubRegionArgs {
  /** The federation, exactly as for the cdk8s `Federation` construct. */
  readonly federation: FederationSpec;
  /** The stack's config. @default - {@link readRegionConfig} with what this hub needs */
  readonly config?: RegionConfig;
  /** The providers. @default - from the config (`emqx:kubeContext`/`emqx:kubeconfig`, `emqx:region`) */
  readonly providers?: RegionProviders;
  /** Changes to the rendered objects, made before the checks (see {@link FederationSitesArgs.customize}). @default - none */
  readonly customize?: (federation: Federation) => void;
}

/**
 * A federation's hub region (`emqx:region:Hub`), from the user's federation spec and the stack's config: the hub
 * site (namespace adopted unless `emqx:createNamespaces`, Secrets from secret config, the same objects as
 * `cdk8s synth`), a Route53 record per NLB hostname, the backup bucket with the hub backup job's IRSA role, and
 * {@link HubRegion.outputs}, the typed contract ({@link HubStackOutputs}) plant stacks read with a
 * `HubStackReference`.
 */
export class HubRegion extends pulumi.ComponentResource {
  /** The config the region was deployed with. */
  public readonly config: RegionConfig;
  /** The hub site. */
  public readonly sites: FederationSites;
  /** The DNS records of the hub's NLBs, with `emqx:hostedZoneId`. */
  public readonly dns?: NlbDnsRecords;
  /** The backup bucket, with `emqx:backupBucket` (and a hub that can export: 5.4+). */
  public readonly backups?: BackupBucket;
  /** The stack outputs: export them from the program (`export = hub.outputs`). */
  public readonly outputs: StackOutputs<HubStackOutputs>;

  constructor(name: string, args: HubRegionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:region:Hub', name, {}, refuseTransforms('HubRegion', opts));
    const federation = args.federation;
    const hub = federation.hub;
    const resolved = resolveFederation(federation);
    // the declared spec first: spec and check errors stop the program before any resource
    const [declared] = renderFederationSites(federation, [hub.name], args.customize);
    const cluster = declared.clusters[0].spec;
    const config = args.config ?? readRegionConfig({
      role: 'hub',
      license: cluster.license !== undefined,
      dns: nlbServicesWithHostname(declared.objects).length > 0,
      federationPlants: federation.plants.map((p) => p.name),
      bridges: resolved.bridgeUsers !== undefined,
    });
    this.config = config;
    const providers = args.providers ?? regionProviders(name, config, this);
    const namespace = cluster.namespace;
    const prefix = `${namespace}/${hub.name}`;
    const writer = { namespace, serviceAccount: cluster.names.backupJob, prefix };
    if (config.backup && !siteCanBackUp(hub)) pulumi.log.warn(`hub ${hub.name} runs EMQX ${cluster.version}: no REST data export before 5.4, so no backup job`, this);
    const backup = config.backup && siteCanBackUp(hub) ? config.backup : undefined;
    this.backups = backup
      ? new BackupBucket(`${name}-backups`, { bucketName: backup.bucket, oidcProviderArn: backup.oidcProviderArn, oidcIssuer: backup.oidcIssuer, writers: [writer], awsProvider: requireAws(providers, 'the backup bucket') }, { parent: this })
      : undefined;
    const roleArn = this.backups?.roleArns[`${writer.namespace}/${writer.serviceAccount}`];
    const backupInput = backup ? { spec: { bucket: backup.bucket, region: config.region!, prefix, apiKey: { secretName: `${hub.name}-backup-api-key` } }, roleArn: roleArn! } : undefined;
    // the Secrets at the names the resolved hub reads, the backup API key and the bridge users file
    const secrets = siteSecrets(cluster, { cookie: config.cookie, dashboardPassword: config.dashboardPassword, license: config.license }, [
      ...(backupInput && backup ? backupApiKeys(backupInput.spec.apiKey.secretName, backup) : []),
      ...(resolved.bridgeUsers ? [{ ref: resolved.bridgeUsers, value: bridgeUsersCsv(federation.plants, config.bridgePasswords!) }] : []),
    ]);
    this.sites = new FederationSites(federation.name, {
      federation,
      sites: [hub.name],
      secrets: { [hub.name]: secrets },
      inputs: backupInput ? { backups: { [hub.name]: backupInput } } : undefined,
      kubernetesProvider: providers.kubernetes,
      createNamespaces: config.createNamespaces,
      customize: args.customize,
    }, { parent: this });
    const site = this.sites.sites[hub.name];
    this.dns = siteDnsRecords(`${name}-dns`, declared.objects, site.manifests, config, providers, this);
    // the CA plants trust: ca.crt of the bridge listener's certificate Secret (cert-manager writes it); with TLS at
    // the NLB the plants trust the ACM certificate through the system CAs and there is no CA to hand over
    const bridgeTls = cluster.listeners.find((l) => l.name === 'bridges')?.tls;
    const hubCaPem = bridgeTls?.terminatesAt === 'pod'
      ? k8s.core.v1.Secret.get(`${name}-hub-ca`, `${namespace}/${bridgeTls.secretName}`, { parent: this, provider: providers.kubernetes, dependsOn: [site.manifests] })
        .data.apply((d) => Buffer.from(d?.['ca.crt'] ?? '', 'base64').toString('utf8'))
      : pulumi.output('');
    const sites: Record<string, pulumi.Output<SiteOutputs>> = {
      [hub.name]: siteOutputs(namespace, declared.objects, { manifests: site.manifests, nlbAddresses: this.dns?.addresses, backupRoleArn: roleArn }),
    };
    this.outputs = {
      federation: pulumi.output(federation.name),
      hubEndpoint: pulumi.output(resolved.hubEndpoint),
      hubCaPem: pulumi.secret(hubCaPem),
      sites: pulumi.output(sites),
      backupBucket: pulumi.output(this.backups?.bucket.bucket),
    };
    this.registerOutputs(this.outputs);
  }
}
