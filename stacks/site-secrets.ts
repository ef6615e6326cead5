import * as pulumi from '@pulumi/pulumi';
import { bridgeUser, EmqxClusterSpec, PlantSpec } from 'emqx-constructs';
import { SecretValues } from 'emqx-constructs/pulumi';
import { StackConfig } from './config';

/** The Secrets every site references: its cookie and dashboard password, its license, the backup API key. */
export function siteSecrets(spec: EmqxClusterSpec, config: StackConfig): SecretValues[] {
  const out: SecretValues[] = [
    { name: spec.secrets?.cookie?.secretName ?? `${spec.name}-secrets`, data: { 'node-cookie': config.cookie, 'dashboard-password': config.dashboardPassword } },
    { name: 'emqx-backup-api-key', data: { 'api-key': config.backupApiKey, 'api-secret': config.backupApiSecret } },
  ];
  if (spec.license) {
    if (!config.license) throw new Error(`site ${spec.name} needs a license: pulumi config set --secret emqx:license <key>`);
    out.push({ name: spec.license.secretName, data: { [spec.license.key]: config.license } });
  }
  return out;
}

/**
 * The hub's bridge users file (EMQX's CSV with its header): one `<bridge user>,<password>,false` line per plant,
 * for the plant's current credential generation (EMQX only adds users that are absent, so a retiring user stays).
 */
export function bridgeUsersCsv(plants: PlantSpec[], passwords: pulumi.Output<Record<string, string>>): pulumi.Output<string> {
  return pulumi.secret(passwords.apply((p) => 'user_id,password,is_superuser\n' + plants.map((plant) => {
    if (!p[plant.name]) throw new Error(`emqx:bridgePasswords has no password for ${plant.name}`);
    return `${bridgeUser(plant.name, plant.bridgeCredential?.generation)},${p[plant.name]},false`;
  }).join('\n') + '\n'));
}
