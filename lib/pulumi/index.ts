// The public API of 'emqx-constructs/pulumi': Pulumi components over the same constructs as the cdk8s
// side, plus the AWS pieces. Everything is exported by name; the rest of lib/pulumi is internal.

// Regions: one call per stack (docs/PULUMI.md)
export { deployRegion, type DeployRegionArgs } from './deploy-region';
export { HubRegion, type HubRegionArgs, type StackOutputs } from './hub-region';
export { PlantsRegion, type PlantsRegionArgs, type PlantsStackOutputs } from './plants-region';
export { ClusterRegion, type ClusterRegionArgs, type ClusterStackOutputs } from './cluster-region';
export {
  readRegionConfig,
  RegionConfigError,
  type RegionConfig,
  type RegionConfigProblem,
  type RegionBackupConfig,
  type RegionNeeds,
  type RegionRole,
} from './region-config';
export { regionProviders, type RegionProviders } from './region-providers';
export { type SiteOutputs } from './site-outputs';
export { HubStackReference, type HubStackOutputs } from './hub-stack-reference';

// Building blocks
export { EmqxClusterComponent, type EmqxClusterComponentArgs } from './emqx-cluster-component';
export { EmqxSiteComponent, type EmqxSiteComponentArgs } from './emqx-site-component';
export { FederationSites, siteCanBackUp, type FederationSitesArgs, type SiteInputs } from './federation-sites';
export { KubernetesSecrets, type KubernetesSecretsArgs, type SecretValues } from './kubernetes-secrets';
export { siteSecrets, bridgeUsersCsv, mergeSecretKeys, backupApiKeys, type SecretKeyValue, type SiteSecretSources } from './site-secrets';
export { NlbDnsRecords, type NlbDnsRecordsArgs } from './nlb-dns-records';
export { BackupBucket, type BackupBucketArgs } from './backup-bucket';
export { DnsValidatedCertificate, type DnsValidatedCertificateArgs } from './dns-validated-certificate';
export { renderInMemory, type RenderedChart } from './render-in-memory';
