import type { PlantsStackOutputs, StackOutputs } from '../../lib/pulumi';
import { Testing } from 'cdk8s';
import { federationSpec } from '../../examples/federation/main';
import { Federation } from '../../lib/cdk8s/federation';
import { applySiteInputs } from '../../lib/pulumi/federation-sites';
import { BASE_CONFIG, HUB_CA_PEM, registered, resolve, SECRET_KEYS, SECRET_SIG, SECRET_VALUES, setPulumiMocks } from '../support/pulumi-mocks';

const HUB_OUTPUTS = { hubEndpoint: 'hub-blue.iot.example.com:8884', hubCaPem: HUB_CA_PEM, federation: 'iiot-eu' };
let outputs: StackOutputs<PlantsStackOutputs>;

beforeAll(async () => {
  await setPulumiMocks({
    ...BASE_CONFIG,
    'emqx:role': 'plants',
    'emqx:region': 'eu-central-1',
    'emqx:kubeContext': 'plants-eu-central',
    'emqx:plants': JSON.stringify(['plant-lyon', 'plant-porto']),
    'emqx:hubStack': 'acme/emqx-constructs/eu-west-1',
    'emqx:createNamespaces': 'true',
  }, SECRET_KEYS, HUB_OUTPUTS);
  outputs = (await import('../../stacks')) as unknown as StackOutputs<PlantsStackOutputs>;
  await resolve(outputs.sites);
  await resolve(outputs.federation);
});

const ofType = (type: string) => registered.filter((r) => r.type === type);
const groupOf = (ns: string) => ofType('kubernetes:yaml/v2:ConfigGroup').find((g) => g.inputs.objs.some((o: any) => o.metadata.namespace === ns))!;

test('one stack reference to the hub stack; one site per plant of this region', () => {
  expect(ofType('pulumi:pulumi:StackReference').map((r) => r.inputs.name)).toEqual(['acme/emqx-constructs/eu-west-1']);
  expect(ofType('emqx:k8s:Site').map((r) => r.name).sort()).toEqual(['iiot-eu-plant-lyon', 'iiot-eu-plant-porto']);
  expect(ofType('emqx:region:Plants').map((r) => r.name)).toEqual(['emqx']);
  expect(ofType('pulumi:providers:aws').map((r) => r.inputs.region)).toEqual(['eu-central-1']);
});

test("the hub stack's endpoint flows into each plant's bridge; the objects equal cdk8s synth for the same values", () => {
  const group = groupOf('plant-porto');
  const conf = group.inputs.objs.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'plant-porto-config').data['emqx-core.conf'];
  expect(conf).toContain('server = "hub-blue.iot.example.com:8884"');
  expect(conf).toContain('server_name_indication = "hub-blue.iot.example.com"');
  const app = Testing.app();
  new Federation(app, 'federation', applySiteInputs(federationSpec, {
    hubEndpoint: HUB_OUTPUTS.hubEndpoint,
    roleArns: { 'plant-porto': 'arn:aws:iam::123456789012:role/emqx-backups-plant-porto-plant-porto-backup' },
    backups: { 'plant-porto': { spec: { bucket: 'iiot-emqx-backups-eu-west-1', region: 'eu-central-1', prefix: 'plant-porto/plant-porto', apiKey: { secretName: 'plant-porto-backup-api-key' } }, roleArn: '' } },
  }));
  expect(group.inputs.objs).toEqual(app.charts.find((c) => c.node.id === 'iiot-eu-plant-porto')!.toJson());
});

test('the 5.1 plant gets no backup job (no REST export before 5.4); the 5.8 plant does', () => {
  expect(groupOf('plant-lyon').inputs.objs.some((o: any) => o.kind === 'CronJob')).toBe(false);
  expect(groupOf('plant-porto').inputs.objs.some((o: any) => o.kind === 'CronJob')).toBe(true);
  const roles = ofType('aws:iam/role:Role').map((r) => JSON.parse(r.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals['oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:sub']);
  expect(roles).toEqual(['system:serviceaccount:plant-porto:plant-porto-backup']);
});

test('each plant namespace gets its bridge password and the hub CA from the hub stack, as secrets', () => {
  const secrets = ofType('kubernetes:core/v1:Secret').filter((r) => r.inputs.metadata.namespace === 'plant-lyon');
  expect(secrets.map((s) => s.inputs.metadata.name).sort()).toEqual(['iiot-eu-bridge', 'iiot-eu-hub-ca', 'plant-lyon-secrets']);
  const byName = Object.fromEntries(secrets.map((s) => [s.inputs.metadata.name, s.inputs.stringData]));
  expect(byName['iiot-eu-bridge'][SECRET_SIG]).toBeDefined();
  expect(byName['iiot-eu-bridge'].value).toEqual({ password: 'lyon-pw-0123' });
  expect(byName['iiot-eu-hub-ca'].value).toEqual({ 'ca.crt': HUB_CA_PEM });
  const plain = JSON.stringify(registered.filter((r) => r.type !== 'kubernetes:core/v1:Secret' && r.type !== 'pulumi:pulumi:StackReference').map((r) => r.inputs));
  for (const v of SECRET_VALUES) expect(plain).not.toContain(v);
});

test("the plants' outputs: each plant site, the hub endpoint read from the hub stack, the federation checked against the hub's", async () => {
  expect(Object.keys(await resolve(outputs.sites)).sort()).toEqual(['plant-lyon', 'plant-porto']);
  expect(await resolve(outputs.hubEndpoint)).toBe('hub-blue.iot.example.com:8884');
  expect(await resolve(outputs.federation)).toBe('iiot-eu');
  const porto = (await resolve(outputs.sites))['plant-porto']!;
  expect(porto.backupRoleArn).toBe('arn:aws:iam::123456789012:role/emqx-backups-plant-porto-plant-porto-backup');
  expect(porto.services).toEqual(expect.arrayContaining(['plant-porto-headless.plant-porto.svc:4370']));
  // the backup job's API key Secret exists only where there is a backup job
  const names = ofType('kubernetes:core/v1:Secret').filter((r) => r.inputs.metadata.namespace === 'plant-porto').map((r) => r.inputs.metadata.name);
  expect(names).toContain('plant-porto-backup-api-key');
});
