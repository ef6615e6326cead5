import { Testing } from 'cdk8s';
import { federationSpec } from '../../examples/federation/main';
import { Federation } from '../../lib/cdk8s/federation';
import { applySiteInputs } from '../../lib/pulumi/federation-sites';
import * as pulumi from '@pulumi/pulumi';
import { HubStackOutputs, StackOutputs } from '../../lib/pulumi';
import { BASE_CONFIG, HUB_CA_PEM, isSecret, NLB_ADDRESS, registered, resolve, SECRET_KEYS, SECRET_SIG, SECRET_SIG_VALUE, SECRET_VALUES, setPulumiMocks } from '../support/pulumi-mocks';

let outputs: StackOutputs<HubStackOutputs>;

beforeAll(async () => {
  await setPulumiMocks({ ...BASE_CONFIG, 'emqx:role': 'hub', 'emqx:createNamespaces': 'true' }, SECRET_KEYS);
  // the program exports the HubRegion's outputs (`export = deployRegion(...).outputs`)
  outputs = (await import('../../stacks')) as unknown as StackOutputs<HubStackOutputs>;
  await resolve(outputs.sites);
  await resolve(outputs.hubCaPem);
});

const ofType = (type: string) => registered.filter((r) => r.type === type);

test('the resource graph: explicit providers, the hub site, DNS, backups', () => {
  expect(ofType('pulumi:providers:kubernetes').map((r) => r.inputs.context)).toEqual(['hub-eu']);
  expect(ofType('pulumi:providers:aws').map((r) => r.inputs.region)).toEqual(['eu-west-1']);
  expect(ofType('emqx:region:Hub').map((r) => r.name)).toEqual(['emqx']);
  for (const type of ['emqx:k8s:FederationSites', 'emqx:k8s:Site', 'emqx:k8s:Secrets', 'kubernetes:core/v1:Namespace', 'kubernetes:yaml/v2:ConfigGroup',
    'emqx:aws:NlbDns', 'aws:route53/record:Record', 'emqx:aws:BackupBucket', 'aws:s3/bucket:Bucket', 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'aws:s3/bucketVersioning:BucketVersioning',
    'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', 'aws:iam/role:Role', 'aws:iam/rolePolicy:RolePolicy']) {
    expect([type, ofType(type).length > 0]).toEqual([type, true]);
  }
  // every Kubernetes resource uses the region's provider, every AWS resource the AWS one
  for (const r of registered.filter((x) => x.type.startsWith('kubernetes:') || x.type.startsWith('aws:'))) {
    expect([r.type, r.provider ?? '']).toEqual([r.type, expect.stringMatching(r.type.startsWith('aws:') ? /pulumi:providers:aws::emqx-aws::/ : /pulumi:providers:kubernetes::emqx-k8s::/)]);
  }
});

test('the ConfigGroup gets exactly the objects cdk8s synthesizes for the same spec and values', () => {
  const group = ofType('kubernetes:yaml/v2:ConfigGroup')[0];
  const app = Testing.app();
  new Federation(app, 'federation', applySiteInputs(federationSpec, {
    roleArns: { 'hub-eu': 'arn:aws:iam::123456789012:role/emqx-backups-iot-hub-hub-eu-backup' },
    backups: { 'hub-eu': { spec: { bucket: 'iiot-emqx-backups-eu-west-1', region: 'eu-west-1', prefix: 'iot-hub/hub-eu', apiKey: { secretName: 'hub-eu-backup-api-key' } }, roleArn: '' } },
  }));
  const hubChart = app.charts.find((c) => c.node.id === 'iiot-eu-hub-eu')!;
  expect(group.inputs.objs).toEqual(hubChart.toJson());
  expect(group.inputs.objs.find((o: any) => o.kind === 'CronJob')?.metadata.name).toBe('hub-eu-backup');
});

test('Route53: the bridge hostname points at the address from the live Service status', () => {
  const record = ofType('aws:route53/record:Record')[0];
  expect(record.inputs).toMatchObject({ name: 'hub.iot.example.com', type: 'CNAME', zoneId: 'Z0123456789ABCDEFGHIJ', records: [NLB_ADDRESS] });
  expect(registered.find((r) => r.type === 'kubernetes:core/v1:Service' && r.id)?.id).toBe('iot-hub/hub-eu-bridges');
});

test('IRSA: only the hub backup ServiceAccount may assume the role, which may only put under its prefix', () => {
  const role = ofType('aws:iam/role:Role')[0];
  const trust = JSON.parse(role.inputs.assumeRolePolicy);
  expect(trust.Statement[0]).toMatchObject({
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: BASE_CONFIG['emqx:oidcProviderArn'] },
    Condition: { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:sub': 'system:serviceaccount:iot-hub:hub-eu-backup' } },
  });
  const policy = JSON.parse(ofType('aws:iam/rolePolicy:RolePolicy')[0].inputs.policy);
  expect(policy.Statement).toEqual([{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::iiot-emqx-backups-eu-west-1/iot-hub/hub-eu/*' }]);
  expect(ofType('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')[0].inputs).toMatchObject({ blockPublicAcls: true, restrictPublicBuckets: true });
  expect(ofType('aws:s3/bucketVersioning:BucketVersioning')[0].inputs.versioningConfiguration).toEqual({ status: 'Enabled' });
});

test('secrets: created from secret config, marked secret, never in plain resources or outputs', async () => {
  const secrets = ofType('kubernetes:core/v1:Secret').filter((r) => !r.id?.includes('/'));
  expect(secrets.map((s) => s.inputs.metadata.name).sort()).toEqual(['emqx-license', 'hub-eu-backup-api-key', 'hub-eu-secrets', 'iiot-eu-bridge-users']);
  // the engine receives every stringData as a secret (Pulumi's secret signature around the value)
  for (const s of secrets) expect(s.inputs.stringData[SECRET_SIG]).toBe(SECRET_SIG_VALUE);
  const users = secrets.find((s) => s.inputs.metadata.name === 'iiot-eu-bridge-users')!.inputs.stringData.value['users.csv'];
  expect(users).toBe('user_id,password,is_superuser\nbridge-plant-lyon,lyon-pw-0123,false\nbridge-plant-porto,porto-pw-0123,false\nbridge-plant-oslo,oslo-pw-0123,false\n');
  const plain = JSON.stringify(registered.filter((r) => r.type !== 'kubernetes:core/v1:Secret').map((r) => r.inputs));
  for (const v of SECRET_VALUES) expect(plain).not.toContain(v);
  expect(await isSecret(outputs.hubCaPem)).toBe(true);
  expect(await resolve(outputs.hubCaPem)).toBe(HUB_CA_PEM);
  expect(await resolve(outputs.hubEndpoint)).toBe('hub.iot.example.com:8883');
  const plainOutputs = JSON.stringify(await resolve(pulumi.output({ f: outputs.federation, s: outputs.sites, b: outputs.backupBucket, e: outputs.hubEndpoint })));
  for (const v of [...SECRET_VALUES, 'MIIBfake']) expect(plainOutputs).not.toContain(v);
});

test("the hub's outputs are the typed contract plant stacks read: endpoint, CA, federation, and per site its addresses", async () => {
  const contract = await resolve(pulumi.output(outputs) as unknown as pulumi.Output<HubStackOutputs>);
  expect(contract.federation).toBe('iiot-eu');
  expect(contract.backupBucket).toBe('iiot-emqx-backups-eu-west-1');
  expect(contract.sites['hub-eu']).toEqual({
    namespace: 'iot-hub',
    services: expect.arrayContaining(['hub-eu-bridges.iot-hub.svc:8883', 'hub-eu-headless.iot-hub.svc:4370', 'hub-eu-dashboard.iot-hub.svc:18083']),
    nlbHostnames: ['hub.iot.example.com'],
    nlbAddresses: { 'hub.iot.example.com': NLB_ADDRESS },
    certificateArns: [],
    backupRoleArn: 'arn:aws:iam::123456789012:role/emqx-backups-iot-hub-hub-eu-backup',
  });
});
