import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { BackupBucket } from 'emqx-constructs/pulumi';
import { FederationSites, siteCanBackUp } from 'emqx-constructs/pulumi';
import { NlbDnsRecords } from 'emqx-constructs/pulumi';
import { FederationSpec } from 'emqx-constructs';
import { StackConfig } from './config';
import { bridgeUsersCsv, siteSecrets } from './site-secrets';

/** The hub region: the hub site, its DNS names, backups, and what plants need (endpoint, CA). */
export function deployHub(federation: FederationSpec, config: StackConfig, providers: { kubernetes: k8s.Provider; aws: aws.Provider }) {
  const hub = federation.hub;
  const namespace = hub.namespace ?? hub.name;
  const backupSa = `${hub.name}-backup`;
  const prefix = `${namespace}/${hub.name}`;
  const backups = siteCanBackUp(hub)
    ? new BackupBucket('backups', {
      bucketName: config.backupBucket,
      oidcProviderArn: config.oidcProviderArn,
      oidcIssuer: config.oidcIssuer,
      writers: [{ namespace, serviceAccount: backupSa, prefix }],
      awsProvider: providers.aws,
    })
    : undefined;
  const sites = new FederationSites(federation.name, {
    // this program owns its sites' namespaces (the library's default deploys into existing ones)
    createNamespaces: true,
    federation,
    sites: [hub.name],
    secrets: {
      [hub.name]: [
        ...siteSecrets(hub, config),
        { name: `${federation.name}-bridge-users`, data: { 'users.csv': bridgeUsersCsv(federation.plants, config.bridgePasswords) } },
      ],
    },
    inputs: backups ? {
      backups: {
        [hub.name]: {
          spec: { bucket: config.backupBucket, region: config.region, prefix, apiKey: { secretName: 'emqx-backup-api-key' } },
          roleArn: backups.roleArns[`${namespace}/${backupSa}`],
        },
      },
    } : undefined,
    kubernetesProvider: providers.kubernetes,
  });
  const site = sites.sites[hub.name];
  const dns = new NlbDnsRecords('dns', {
    objects: sites.preview[0].objects,
    zoneId: config.hostedZoneId,
    dependsOn: [site.manifests],
    kubernetesProvider: providers.kubernetes,
    awsProvider: providers.aws,
  });
  // the CA plants must trust: ca.crt of the bridge listener's certificate Secret (cert-manager writes it)
  const cluster = sites.preview[0].clusters[0].spec;
  const bridgeTls = cluster.listeners.find((l) => l.name === 'bridges')!.tls!;
  const tlsSecret = bridgeTls.terminatesAt === 'pod' ? bridgeTls.secretName : '';
  const caSecret = k8s.core.v1.Secret.get('hub-ca', `${namespace}/${tlsSecret}`, { provider: providers.kubernetes, dependsOn: [site.manifests] });
  const hubCaPem = pulumi.secret(caSecret.data.apply((d) => Buffer.from(d?.['ca.crt'] ?? '', 'base64').toString('utf8')));
  const listener = cluster.listeners.find((l) => l.name === 'bridges')!;
  return {
    sites,
    dns,
    backups,
    outputs: {
      federation: federation.name,
      hubEndpoint: `${listener.exposure.nlb!.hostname}:${listener.port}`,
      hubCaPem,
      backupBucket: backups?.bucket.bucket,
    },
  };
}
