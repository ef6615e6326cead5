import * as pulumi from '@pulumi/pulumi';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { bridgeUser, PlantSpec } from '../federation/federation-spec';
import { SecretKeyRef } from '../model/secret-key-ref';
import { SecretValues } from './kubernetes-secrets';

/** A Secret key and the value it gets. */
export interface SecretKeyValue {
  /** Where the manifests read it. */
  readonly ref: SecretKeyRef;
  /** Its value (made a Pulumi secret when the Secret is created). */
  readonly value: pulumi.Input<string>;
}

/** The values of a site's own Secrets, from the stack's secret config. */
export interface SiteSecretSources {
  /** The Erlang cookie. */
  readonly cookie: pulumi.Input<string>;
  /** The dashboard's admin password. */
  readonly dashboardPassword: pulumi.Input<string>;
  /** The license key (for a cluster with `license`). @default - none */
  readonly license?: pulumi.Input<string>;
  /** The backup job's REST API key and secret (for a cluster with `backup`). @default - none */
  readonly backupApiKey?: {
    /** The API key. */
    readonly key: pulumi.Input<string>;
    /** Its secret. */
    readonly secret: pulumi.Input<string>;
  };
}

/**
 * The Secrets one cluster's manifests reference by name (cookie, dashboard password, license, backup API key),
 * at the names and keys its resolved spec uses, plus `extra` keys (e.g. a federation's bridge credentials);
 * keys of one Secret are merged into one Secret. Throws when the cluster needs a value that is not given.
 */
export function siteSecrets(cluster: ResolvedEmqxCluster, values: SiteSecretSources, extra: readonly SecretKeyValue[] = []): SecretValues[] {
  const keys: SecretKeyValue[] = [
    { ref: cluster.secrets.cookie, value: values.cookie },
    { ref: cluster.secrets.dashboardPassword, value: values.dashboardPassword },
  ];
  if (cluster.license) {
    if (values.license === undefined) throw new Error(`cluster ${cluster.name} has a license Secret (${cluster.license.secretName}) and no license value was given`);
    keys.push({ ref: cluster.license, value: values.license });
  }
  if (cluster.backup) {
    if (!values.backupApiKey) throw new Error(`cluster ${cluster.name} has a backup job and no backup API key was given`);
    const k = cluster.backup.apiKey;
    keys.push({ ref: { secretName: k.secretName, key: k.keyKey }, value: values.backupApiKey.key });
    keys.push({ ref: { secretName: k.secretName, key: k.secretKey }, value: values.backupApiKey.secret });
  }
  return mergeSecretKeys([...keys, ...extra]);
}

/** The backup job's API key Secret (keys `api-key` and `api-secret`, the backup spec's defaults) from the region's backup config. */
export function backupApiKeys(secretName: string, values: { readonly apiKey: pulumi.Input<string>; readonly apiSecret: pulumi.Input<string> }): SecretKeyValue[] {
  return [{ ref: { secretName, key: 'api-key' }, value: values.apiKey }, { ref: { secretName, key: 'api-secret' }, value: values.apiSecret }];
}

/** Secret keys grouped into Secrets by name, in first-seen order. One key given twice is an error (two values for one key). */
export function mergeSecretKeys(keys: readonly SecretKeyValue[]): SecretValues[] {
  const byName = new Map<string, Record<string, pulumi.Input<string>>>();
  for (const { ref, value } of keys) {
    const data = byName.get(ref.secretName) ?? {};
    if (ref.key in data) throw new Error(`Secret ${ref.secretName} key ${ref.key} is given two values: point the spec's references at distinct keys`);
    data[ref.key] = value;
    byName.set(ref.secretName, data);
  }
  return [...byName].map(([name, data]) => ({ name, data }));
}

/**
 * The hub's bridge users file (EMQX's CSV with its header): one `<bridge user>,<password>,false` line per plant,
 * for the plant's current credential generation (EMQX only adds users that are absent, so a retiring user stays).
 * Throws at deploy time when a plant has no password.
 */
export function bridgeUsersCsv(plants: readonly PlantSpec[], passwords: pulumi.Input<Record<string, string>>): pulumi.Output<string> {
  return pulumi.secret(pulumi.output(passwords).apply((pw) => 'user_id,password,is_superuser\n' + plants.map((plant) => {
    if (!pw[plant.name]) throw new Error(`no bridge password for plant ${plant.name} (emqx:bridgePasswords)`);
    return `${bridgeUser(plant.name, plant.bridgeCredential?.generation)},${pw[plant.name]},false`;
  }).join('\n') + '\n'));
}
