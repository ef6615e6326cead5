// The hub stack (eu-west-1) of the user's program, under Pulumi mocks.
import * as pulumi from '@pulumi/pulumi';
import type { HubStackOutputs, StackOutputs } from 'emqx-constructs/pulumi';
import { HUB_CA, LB, mockStack, registered, resolve, urns } from './mocks';

const SECRETS = { 'emqx:cookie': 'hub-cookie-0001', 'emqx:dashboardPassword': 'hub-dash-0001', 'emqx:license': 'hub-license-0001', 'emqx:bridgePasswords': '{"plant-a":"pw-a-0001","plant-b":"pw-b-0001"}' };
let outputs: StackOutputs<HubStackOutputs>;

beforeAll(async () => {
  await mockStack('eu-west-1', {
    'emqx:role': 'hub', 'emqx:region': 'eu-west-1', 'emqx:kubeContext': 'hub-eu', 'emqx:hostedZoneId': 'Z0ACMEZONE', ...SECRETS,
  }, Object.keys(SECRETS));
  outputs = require('./index');
  await resolve(outputs.sites);
  await resolve(outputs.hubCaPem);
});

test('the resource graph: region → federation sites → site → Secrets and ConfigGroup; DNS under the region', () => {
  const u = urns();
  const has = (suffix: string) => expect([suffix, u.some((x) => x.endsWith(suffix))]).toEqual([suffix, true]);
  has('::acme-iot::emqx:region:Hub::emqx');
  has('::emqx:region:Hub$emqx:k8s:FederationSites::acme');
  has('::emqx:k8s:FederationSites$emqx:k8s:Site::acme-hub');
  has('::emqx:k8s:Site$kubernetes:yaml/v2:ConfigGroup::acme-hub-manifests');
  has('::emqx:k8s:Site$emqx:k8s:Secrets::acme-hub-secrets');
  has('::emqx:region:Hub$emqx:aws:NlbDns::emqx-dns');
  has('::emqx:aws:NlbDns$aws:route53/record:Record::emqx-dns-hub.iot.acme.example');
  has('::emqx:region:Hub$pulumi:providers:kubernetes::emqx-k8s');
  // no backup bucket without emqx:backupBucket; no Namespace without emqx:createNamespaces
  expect(registered.filter((r) => r.type.startsWith('aws:s3') || r.type === 'kubernetes:core/v1:Namespace')).toEqual([]);
});

test('Secrets carry the secret config as Pulumi secrets; no secret value in any other resource or in the outputs', async () => {
  const secrets = registered.filter((r) => r.type === 'kubernetes:core/v1:Secret' && !r.id);
  expect(secrets.map((s) => s.inputs.metadata.name).sort()).toEqual(['acme-bridge-users', 'emqx-license', 'hub-secrets']);
  for (const s of secrets) expect(s.inputs.stringData['4dabf18193072939515e22adb298388d']).toBeDefined();
  const plain = JSON.stringify(registered.filter((r) => r.type !== 'kubernetes:core/v1:Secret').map((r) => r.inputs));
  const outs = JSON.stringify(await resolve(pulumi.output({ f: outputs.federation, e: outputs.hubEndpoint, s: outputs.sites })));
  for (const v of [...Object.values(SECRETS), 'pw-a-0001', 'MIIBconsumer']) {
    expect(plain).not.toContain(v);
    expect(outs).not.toContain(v);
  }
  expect(await pulumi.isSecret(outputs.hubCaPem)).toBe(true);
});

test('the outputs the plant stacks read', async () => {
  expect(await resolve(outputs.hubEndpoint)).toBe('hub.iot.acme.example:8883');
  expect(await resolve(outputs.federation)).toBe('acme');
  expect(await resolve(outputs.hubCaPem)).toBe(HUB_CA);
  const hub = (await resolve(outputs.sites)).hub!;
  expect(hub.nlbAddresses).toEqual({ 'hub.iot.acme.example': LB });
  expect(hub.services).toContain('hub-bridges.iot-hub.svc:8883');
});
