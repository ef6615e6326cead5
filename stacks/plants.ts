import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { BackupBucket } from 'emqx-constructs/pulumi';
import { FederationSites, siteCanBackUp } from 'emqx-constructs/pulumi';
import { HubStackReference } from 'emqx-constructs/pulumi';
import { NlbDnsRecords } from 'emqx-constructs/pulumi';
import { FederationSpec } from 'emqx-constructs';
import { StackConfig } from './config';
import { siteSecrets } from './site-secrets';

/** A plant region: its plants, bridged to the hub named by the hub stack, with DNS and backups. */
export function deployPlants(federation: FederationSpec, config: StackConfig, providers: { kubernetes: k8s.Provider; aws: aws.Provider }) {
  if (!config.hubStack) throw new Error('a plants stack needs emqx:hubStack (<org>/<project>/<stack> of the hub)');
  if (!config.plants.length) throw new Error('a plants stack needs emqx:plants, the plant sites of this region');
  const hub = new HubStackReference('hub', config.hubStack);
  const plants = config.plants.map((name) => {
    const p = federation.plants.find((x) => x.name === name);
    if (!p) throw new Error(`emqx:plants names ${name}, which is not a plant of federation ${federation.name}`);
    return { spec: p, namespace: p.namespace ?? p.name };
  });
  const writers = plants.filter((p) => siteCanBackUp(p.spec)).map((p) => ({ site: p.spec.name, namespace: p.namespace, serviceAccount: `${p.spec.name}-backup`, prefix: `${p.namespace}/${p.spec.name}` }));
  for (const p of plants.filter((x) => !siteCanBackUp(x.spec))) {
    pulumi.log.warn(`plant ${p.spec.name} runs EMQX ${String(p.spec.version)}: no REST data export before 5.4, so no backup job (export with emqx ctl data export)`);
  }
  const backups = writers.length
    ? new BackupBucket('backups', { bucketName: config.backupBucket, oidcProviderArn: config.oidcProviderArn, oidcIssuer: config.oidcIssuer, writers, awsProvider: providers.aws })
    : undefined;
  const sites = new FederationSites(federation.name, {
    // this program owns its sites' namespaces (the library's default deploys into existing ones)
    createNamespaces: true,
    federation,
    sites: plants.map((p) => p.spec.name),
    secrets: Object.fromEntries(plants.map((p) => [p.spec.name, [
      ...siteSecrets(p.spec, config),
      { name: p.spec.bridgePassword?.secretName ?? `${federation.name}-bridge`, data: { [p.spec.bridgePassword?.key ?? 'password']: config.bridgePasswords.apply((pw) => pw[p.spec.name] ?? '') } },
      { name: p.spec.hubCa?.secretName ?? `${federation.name}-hub-ca`, data: { [p.spec.hubCa?.key ?? 'ca.crt']: hub.hubCaPem } },
    ]])),
    inputs: {
      hubEndpoint: hub.hubEndpoint,
      backups: Object.fromEntries(writers.map((w) => [w.site, {
        spec: { bucket: config.backupBucket, region: config.region, prefix: w.prefix, apiKey: { secretName: 'emqx-backup-api-key' } },
        roleArn: backups!.roleArns[`${w.namespace}/${w.serviceAccount}`],
      }])),
    },
    kubernetesProvider: providers.kubernetes,
  });
  const dns = plants.map((p, i) => new NlbDnsRecords(`dns-${p.spec.name}`, {
    objects: sites.preview[i].objects,
    zoneId: config.hostedZoneId,
    dependsOn: [sites.sites[p.spec.name].manifests],
    kubernetesProvider: providers.kubernetes,
    awsProvider: providers.aws,
  }));
  // the plant and hub stacks must describe the same federation
  const federationMatches = hub.federation.apply((f) => {
    if (f !== federation.name) throw new Error(`the hub stack runs federation ${f}, this stack ${federation.name}`);
    return true;
  });
  return { hub, sites, dns, backups, outputs: { federation: federation.name, plants: config.plants, federationMatches } };
}
