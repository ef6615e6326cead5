// The plants stack (eu-central-1) of the same program, reading the hub stack's outputs through a StackReference.
import * as pulumi from '@pulumi/pulumi';
import type { PlantsStackOutputs, StackOutputs } from 'emqx-constructs/pulumi';
import { HUB_CA, mockStack, registered, resolve, urns } from './mocks';

const SECRETS = {
  'emqx:cookie': 'plant-cookie-0002', 'emqx:dashboardPassword': 'plant-dash-0002', 'emqx:license': 'plant-license-0002',
  'emqx:bridgePasswords': '{"plant-b":"pw-b-0002"}', 'emqx:backupApiKey': 'key-0002', 'emqx:backupApiSecret': 'secret-0002',
};
const HUB = { hubEndpoint: 'hub.iot.acme.example:8883', hubCaPem: HUB_CA, federation: 'acme', sites: {} };
let outputs: StackOutputs<PlantsStackOutputs>;

beforeAll(async () => {
  await mockStack('eu-central-1', {
    'emqx:role': 'plants', 'emqx:plants': '["plant-b"]', 'emqx:hubStack': 'acme/acme-iot/eu-west-1', 'emqx:region': 'eu-central-1',
    'emqx:backupBucket': 'acme-emqx-backups-eu-central-1', 'emqx:oidcProviderArn': 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ACME',
    'emqx:oidcIssuer': 'oidc.eks.eu-central-1.amazonaws.com/id/ACME', 'emqx:createNamespaces': 'true', ...SECRETS,
  }, Object.keys(SECRETS), HUB);
  outputs = require('./index');
  await resolve(outputs.sites);
  await resolve(outputs.federation);
});

test('one StackReference to the hub stack; the plant named in the config, in a namespace the stack owns', () => {
  expect(registered.filter((r) => r.type === 'pulumi:pulumi:StackReference').map((r) => r.inputs.name)).toEqual(['acme/acme-iot/eu-west-1']);
  expect(urns().filter((u) => u.includes('emqx:k8s:Site::')).map((u) => u.split('::').pop())).toEqual(['acme-plant-b']);
  expect(registered.filter((r) => r.type === 'kubernetes:core/v1:Namespace').map((r) => r.inputs.metadata.name)).toEqual(['plant-b']);
  expect(urns().some((u) => u.endsWith('::emqx:region:Plants$emqx:aws:BackupBucket::emqx-backups'))).toBe(true);
});

test("the hub's endpoint reaches the plant's bridge; its CA and the bridge password are Secrets", () => {
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!;
  const conf = group.inputs.objs.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'plant-b-config').data['emqx-core.conf'];
  expect(conf).toContain('server = "hub.iot.acme.example:8883"');
  const secrets = Object.fromEntries(registered.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((s) => [s.inputs.metadata.name, s.inputs.stringData.value]));
  expect(secrets['acme-hub-ca']).toEqual({ 'ca.crt': HUB_CA });
  expect(secrets['acme-bridge']).toEqual({ password: 'pw-b-0002' });
  expect(secrets['plant-b-backup-api-key']).toEqual({ 'api-key': 'key-0002', 'api-secret': 'secret-0002' });
  const plain = JSON.stringify(registered.filter((r) => r.type !== 'kubernetes:core/v1:Secret' && r.type !== 'pulumi:pulumi:StackReference').map((r) => r.inputs));
  for (const v of Object.values(SECRETS)) expect(plain).not.toContain(v);
});

test('the outputs: the plant site with its backup role, the federation checked against the hub stack', async () => {
  expect(await resolve(outputs.federation)).toBe('acme');
  const site = (await resolve(outputs.sites))['plant-b']!;
  expect(site.namespace).toBe('plant-b');
  expect(site.backupRoleArn).toMatch(/^arn:aws:iam::123456789012:role\/emqx-backups-plant-b-plant-b-backup$/);
  expect(await pulumi.isSecret(outputs.sites)).toBe(false);
});
