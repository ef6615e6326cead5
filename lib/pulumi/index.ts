// The public API of 'emqx-constructs/pulumi': Pulumi components over the same constructs as the cdk8s
// side, plus the AWS pieces. Everything is exported by name; the rest of lib/pulumi is internal.
export { EmqxClusterComponent, type EmqxClusterComponentArgs } from './emqx-cluster-component';
export { EmqxSiteComponent, type EmqxSiteComponentArgs } from './emqx-site-component';
export { FederationSites, siteCanBackUp, type FederationSitesArgs, type SiteInputs } from './federation-sites';
export { KubernetesSecrets, type KubernetesSecretsArgs, type SecretValues } from './kubernetes-secrets';
export { NlbDnsRecords, type NlbDnsRecordsArgs } from './nlb-dns-records';
export { BackupBucket, type BackupBucketArgs } from './backup-bucket';
export { DnsValidatedCertificate, type DnsValidatedCertificateArgs } from './dns-validated-certificate';
export { HubStackReference, type HubStackOutputs } from './hub-stack-reference';
export { renderInMemory, type RenderedChart } from './render-in-memory';

