import * as pulumi from '@pulumi/pulumi';
import { Federation } from '../cdk8s/federation';
import { FederationSpec, resolveFederation } from '../federation/federation-spec';
import { BackupBucket } from './backup-bucket';
import { FederationSites, renderFederationSites, siteCanBackUp, SiteInputs } from './federation-sites';
import { HubStackReference } from './hub-stack-reference';
import { StackOutputs } from './hub-region';
import { NlbDnsRecords, nlbServicesWithHostname } from './nlb-dns-records';
import { RegionConfig, readRegionConfig } from './region-config';
import { RegionProviders, regionProviders, requireAws, siteDnsRecords } from './region-providers';
import { SiteOutputs, siteOutputs } from './site-outputs';
import { backupApiKeys, siteSecrets } from './site-secrets';
import { refuseTransforms } from './transforms-policy';

/** The outputs of a plants stack. */
export interface PlantsStackOutputs {
  /** The federation's name. */
  readonly federation: string;
  /** The hub stack the plants read (`<org>/<project>/<stack>`). */
  readonly hubStack: string;
  /** The hub endpoint the plants dial (from the hub stack). */
  readonly hubEndpoint: string;
  /** Each plant site's outputs, by site name. */
  readonly sites: Record<string, SiteOutputs>;
  /** The region's backup bucket. @default - none, without backups */
  readonly backupBucket?: string;
}

/** Arguments of {@link PlantsRegion}. */
export interface PlantsRegionArgs {
  /** The federation, exactly as for the cdk8s `Federation` construct (all of it: both ends of each bridge must agree). */
  readonly federation: FederationSpec;
  /** The stack's config (its `plants` are the sites deployed here). @default - {@link readRegionConfig} with what these plants need */
  readonly config?: RegionConfig;
  /** The providers. @default - from the config (`emqx:kubeContext`/`emqx:kubeconfig`, `emqx:region`) */
  readonly providers?: RegionProviders;
  /** The hub stack's outputs. @default - a `HubStackReference` to `emqx:hubStack` */
  readonly hub?: HubStackReference;
  /** Changes to the rendered objects, made before the checks (see {@link FederationSitesArgs.customize}). @default - none */
  readonly customize?: (federation: Federation) => void;
}

/**
 * A region of a federation's plants (`emqx:region:Plants`): the plants named by `emqx:plants`, each bridged to the
 * hub endpoint read from the hub stack (typed {@link HubStackReference}), with its bridge password and the hub's CA
 * as Secrets, DNS records for its NLBs, and a backup bucket with one IRSA role per plant backup job. The hub stack
 * must run the same federation (checked at deploy time).
 */
export class PlantsRegion extends pulumi.ComponentResource {
  /** The config the region was deployed with. */
  public readonly config: RegionConfig;
  /** The hub stack's outputs. */
  public readonly hub: HubStackReference;
  /** The plant sites. */
  public readonly sites: FederationSites;
  /** DNS records per plant with NLB hostnames, with `emqx:hostedZoneId`. */
  public readonly dns: Record<string, NlbDnsRecords> = {};
  /** The backup bucket, with `emqx:backupBucket` (for the plants that can export: 5.4+). */
  public readonly backups?: BackupBucket;
  /** The stack outputs: export them from the program (`export = plants.outputs`). */
  public readonly outputs: StackOutputs<PlantsStackOutputs>;

  constructor(name: string, args: PlantsRegionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:region:Plants', name, {}, refuseTransforms('PlantsRegion', opts));
    const federation = args.federation;
    const resolved = resolveFederation(federation);
    // every plant rendered from the declared spec: spec and check errors stop the program before any resource,
    // and what each plant needs decides the config keys required
    const all = federation.plants.map((p) => p.name);
    const charts = new Map(renderFederationSites(federation, all, args.customize).map((c, i) => [all[i], c]));
    const config = args.config ?? readRegionConfig({
      role: 'plants',
      license: (ps) => ps.some((p) => charts.get(p)!.clusters[0].spec.license !== undefined),
      dns: (ps) => ps.some((p) => nlbServicesWithHostname(charts.get(p)!.objects).length > 0),
      federationPlants: all,
    });
    this.config = config;
    const names = config.plants;
    const declared = names.map((n) => {
      const chart = charts.get(n);
      if (!chart) throw new Error(`plants ${n} is not a plant of federation ${federation.name} (plants: ${all.join(', ')})`);
      return chart;
    });
    const providers = args.providers ?? regionProviders(name, config, this);
    this.hub = args.hub ?? new HubStackReference(`${name}-hub`, config.hubStack!, { parent: this });
    const plants = names.map((site, i) => ({ site, spec: federation.plants.find((p) => p.name === site)!, cluster: declared[i].clusters[0].spec, chart: declared[i] }));

    const backup = config.backup;
    const writers = backup ? plants.filter((p) => siteCanBackUp(p.spec)) : [];
    for (const p of backup ? plants.filter((x) => !siteCanBackUp(x.spec)) : []) {
      pulumi.log.warn(`plant ${p.site} runs EMQX ${p.cluster.version}: no REST data export before 5.4, so no backup job (export with emqx ctl data export)`, this);
    }
    const prefix = (p: (typeof plants)[number]) => `${p.cluster.namespace}/${p.site}`;
    this.backups = backup && writers.length
      ? new BackupBucket(`${name}-backups`, {
        bucketName: backup.bucket,
        oidcProviderArn: backup.oidcProviderArn,
        oidcIssuer: backup.oidcIssuer,
        writers: writers.map((p) => ({ namespace: p.cluster.namespace, serviceAccount: p.cluster.names.backupJob, prefix: prefix(p) })),
        awsProvider: requireAws(providers, 'the backup bucket'),
      }, { parent: this })
      : undefined;
    const roleArnOf = (p: (typeof plants)[number]) => this.backups?.roleArns[`${p.cluster.namespace}/${p.cluster.names.backupJob}`];
    const backups: NonNullable<SiteInputs['backups']> = Object.fromEntries(writers.map((p) => [p.site, {
      spec: { bucket: backup!.bucket, region: config.region!, prefix: prefix(p), apiKey: { secretName: `${p.site}-backup-api-key` } },
      roleArn: roleArnOf(p)!,
    }]));

    const bridgeSecretsOf = (site: string) => resolved.plants.find((p) => p.name === site)!.bridgeSecrets;
    this.sites = new FederationSites(federation.name, {
      federation,
      sites: names.slice(),
      secrets: Object.fromEntries(plants.map((p) => [p.site, siteSecrets(p.cluster, { cookie: config.cookie, dashboardPassword: config.dashboardPassword, license: config.license }, [
        ...(backups[p.site] && backup ? backupApiKeys(backups[p.site].spec.apiKey.secretName, backup) : []),
        { ref: bridgeSecretsOf(p.site).password, value: config.bridgePasswords!.apply((pw) => pw[p.site]) },
        { ref: bridgeSecretsOf(p.site).hubCa, value: this.hub.hubCaPem },
      ])])),
      inputs: { hubEndpoint: this.hub.hubEndpoint, backups },
      kubernetesProvider: providers.kubernetes,
      createNamespaces: config.createNamespaces,
      customize: args.customize,
    }, { parent: this });

    const sites: Record<string, pulumi.Output<SiteOutputs>> = {};
    for (const p of plants) {
      const dns = siteDnsRecords(`${name}-dns-${p.site}`, p.chart.objects, this.sites.sites[p.site].manifests, config, providers, this);
      if (dns) this.dns[p.site] = dns;
      sites[p.site] = siteOutputs(p.cluster.namespace, p.chart.objects, { manifests: this.sites.sites[p.site].manifests, nlbAddresses: this.dns[p.site]?.addresses, backupRoleArn: roleArnOf(p) });
    }
    // both stacks must describe the same federation: a plant bridged to another federation's hub would be refused there
    const federationName = this.hub.federation.apply((f) => {
      if (f !== federation.name) throw new Error(`the hub stack ${config.hubStack} runs federation ${f}, this stack ${federation.name}: point emqx:hubStack at the hub of ${federation.name}`);
      return f;
    });
    this.outputs = {
      federation: federationName,
      hubStack: pulumi.output(config.hubStack ?? ''),
      hubEndpoint: this.hub.hubEndpoint,
      sites: pulumi.output(sites),
      backupBucket: pulumi.output(this.backups?.bucket.bucket),
    };
    this.registerOutputs(this.outputs);
  }
}
