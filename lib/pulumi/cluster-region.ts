import * as pulumi from '@pulumi/pulumi';
import { EmqxCluster } from '../cdk8s/emqx-cluster';
import { EmqxClusterSpec, resolveClusterSpec } from '../model/emqx-cluster-spec';
import { BackupBucket } from './backup-bucket';
import { EmqxClusterComponent } from './emqx-cluster-component';
import { siteCanBackUp } from './federation-sites';
import { StackOutputs } from './hub-region';
import { NlbDnsRecords, nlbServicesWithHostname } from './nlb-dns-records';
import { RegionConfig, readRegionConfig } from './region-config';
import { RegionProviders, regionProviders, requireAws, siteDnsRecords } from './region-providers';
import { renderInMemory } from './render-in-memory';
import { SiteOutputs, siteOutputs } from './site-outputs';
import { siteSecrets } from './site-secrets';
import { refuseTransforms } from './transforms-policy';
import { Chart } from 'cdk8s';

/** The outputs of a cluster stack. */
export interface ClusterStackOutputs {
  /** The cluster's site outputs, by cluster name. */
  readonly sites: Record<string, SiteOutputs>;
  /** The region's backup bucket. @default - none, without backups */
  readonly backupBucket?: string;
}

/** Arguments of {@link ClusterRegion}. */
export interface ClusterRegionArgs {
  /** The cluster, exactly as for the cdk8s `EmqxCluster` construct. */
  readonly cluster: EmqxClusterSpec;
  /** The stack's config. @default - {@link readRegionConfig} with what this cluster needs */
  readonly config?: RegionConfig;
  /** The providers. @default - from the config (`emqx:kubeContext`/`emqx:kubeconfig`, `emqx:region`) */
  readonly providers?: RegionProviders;
  /** Changes to the rendered objects, made before the checks (see {@link EmqxClusterComponentArgs.customize}). @default - none */
  readonly customize?: (cluster: EmqxCluster) => void;
}

/**
 * One EMQX cluster in a region (`emqx:region:Cluster`): the cluster (namespace adopted unless `emqx:createNamespaces`,
 * Secrets from secret config), DNS records for its NLB hostnames with `emqx:hostedZoneId`, and with
 * `emqx:backupBucket` a backup bucket and the backup job's IRSA role.
 */
export class ClusterRegion extends pulumi.ComponentResource {
  /** The config the region was deployed with. */
  public readonly config: RegionConfig;
  /** The cluster. */
  public readonly cluster: EmqxClusterComponent;
  /** The DNS records of its NLBs, with `emqx:hostedZoneId`. */
  public readonly dns?: NlbDnsRecords;
  /** The backup bucket, with `emqx:backupBucket` (and EMQX 5.4+). */
  public readonly backups?: BackupBucket;
  /** The stack outputs: export them from the program (`export = region.outputs`). */
  public readonly outputs: StackOutputs<ClusterStackOutputs>;

  constructor(name: string, args: ClusterRegionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('emqx:region:Cluster', name, {}, refuseTransforms('ClusterRegion', opts));
    const spec = args.cluster;
    // the declared spec first: spec and check errors stop the program before any resource
    const [declared] = renderInMemory((app) => {
      const cluster = new EmqxCluster(new Chart(app, name, { namespace: args.config?.namespace ?? spec.namespace ?? 'default', disableResourceNameHashes: true }), 'Emqx', spec);
      args.customize?.(cluster);
    });
    const config = args.config ?? readRegionConfig({
      role: 'cluster',
      license: spec.license !== undefined,
      dns: nlbServicesWithHostname(declared.objects).length > 0,
      backupBucket: spec.backup?.bucket,
    });
    this.config = config;
    const providers = args.providers ?? regionProviders(name, config, this);
    const namespace = config.namespace ?? spec.namespace ?? 'default';
    const resolved = resolveClusterSpec(spec, { namespace });
    if (config.backup && !siteCanBackUp(spec)) pulumi.log.warn(`cluster ${spec.name} runs EMQX ${resolved.version}: no REST data export before 5.4, so no backup job`, this);
    const backup = config.backup && siteCanBackUp(spec) ? config.backup : undefined;
    // the cluster's own backup spec (schedule, prefix, API key Secret) is kept; the stack adds the bucket and the role
    const prefix = resolved.backup?.prefix ?? `${namespace}/${spec.name}`;
    this.backups = backup
      ? new BackupBucket(`${name}-backups`, {
        bucketName: backup.bucket,
        oidcProviderArn: backup.oidcProviderArn,
        oidcIssuer: backup.oidcIssuer,
        writers: [{ namespace, serviceAccount: resolved.names.backupJob, prefix }],
        awsProvider: requireAws(providers, 'the backup bucket'),
      }, { parent: this })
      : undefined;
    const roleArn = this.backups?.roleArns[`${namespace}/${resolved.names.backupJob}`];
    const apiKey = resolved.backup?.apiKey ?? { secretName: `${spec.name}-backup-api-key`, keyKey: 'api-key', secretKey: 'api-secret' };
    const cluster: EmqxClusterSpec = backup
      ? { ...spec, backup: spec.backup ? { ...spec.backup, roleArn: undefined } : { bucket: backup.bucket, region: config.region!, prefix, apiKey } }
      : spec;
    this.cluster = new EmqxClusterComponent(name, {
      cluster,
      namespace,
      createNamespace: config.createNamespaces,
      secrets: siteSecrets({ ...resolved, backup: undefined }, { cookie: config.cookie, dashboardPassword: config.dashboardPassword, license: config.license }, backup ? [
        { ref: { secretName: apiKey.secretName, key: apiKey.keyKey }, value: backup.apiKey },
        { ref: { secretName: apiKey.secretName, key: apiKey.secretKey }, value: backup.apiSecret },
      ] : []),
      kubernetesProvider: providers.kubernetes,
      backupRoleArn: roleArn,
      customize: args.customize,
    }, { parent: this });
    this.dns = siteDnsRecords(`${name}-dns`, this.cluster.objects, this.cluster.manifests, config, providers, this);
    this.outputs = {
      sites: pulumi.output({ [spec.name]: siteOutputs(namespace, this.cluster.objects, { manifests: this.cluster.manifests, nlbAddresses: this.dns?.addresses, backupRoleArn: roleArn }) }),
      backupBucket: pulumi.output(this.backups?.bucket.bucket),
    };
    this.registerOutputs(this.outputs);
  }
}
