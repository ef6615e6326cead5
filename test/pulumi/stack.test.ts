import type { ClusterStackOutputs, StackOutputs } from '../../lib/pulumi';
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { Chart } from 'cdk8s';
import { build, defaultClusterSpec } from '../../examples/enterprise-cluster/main';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterComponent } from '../../lib/pulumi/emqx-cluster-component';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { BASE_CONFIG, registered, resolve, SECRET_KEYS, setPulumiMocks } from '../support/pulumi-mocks';

let outputs: StackOutputs<ClusterStackOutputs>;

beforeAll(async () => {
  // a cluster stack: the default example's own backup spec names its bucket, so no emqx:backupBucket
  const { 'emqx:backupBucket': _bucket, ...config } = BASE_CONFIG;
  await setPulumiMocks({ ...config, 'emqx:namespace': 'iot' }, SECRET_KEYS);
  outputs = (await import('../../stacks')) as unknown as StackOutputs<ClusterStackOutputs>;
  await resolve(outputs.sites);
});

test('the default (cluster) stack hands Pulumi exactly the objects cdk8s synthesizes for the default example, with the role it created', async () => {
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup' && r.name === 'emqx-manifests');
  // the example names an IRSA role of its own for cdk8s users; the stack creates the role and puts its ARN there
  const role = registered.find((r) => r.type === 'aws:iam/role:Role')!;
  const app = Testing.app();
  new EmqxCluster(new Chart(app, 'enterprise-cluster', { namespace: 'iot', disableResourceNameHashes: true }), 'Emqx', {
    ...defaultClusterSpec, backup: { ...defaultClusterSpec.backup!, roleArn: `arn:aws:iam::123456789012:role/${role.name}` },
  });
  expect(group!.inputs.objs).toEqual(app.charts[0].toJson());
  expect(build(Testing.app()).toJson().length).toBe(group!.inputs.objs.length);
  // Region -> Cluster -> Site -> ConfigGroup
  const urns = registered.filter((r) => r.type.startsWith('emqx:')).map((r) => `${r.type}::${r.name}`);
  expect(urns).toEqual(expect.arrayContaining(['emqx:region:Cluster::emqx', 'emqx:k8s:Cluster::emqx', 'emqx:k8s:Site::emqx', 'emqx:aws:BackupBucket::emqx-backups']));
  expect(registered.find((r) => r.type === 'aws:s3/bucket:Bucket')!.inputs.bucket).toBe('iiot-emqx-backups-eu-west-1');
  const site = (await resolve(outputs.sites))['emqx']!;
  expect(site.namespace).toBe('iot');
  expect(site.backupRoleArn).toBe(`arn:aws:iam::123456789012:role/${role.name}`);
});

test('the component runs the checks: an unacknowledged error fails the program before any resource', () => {
  const before = registered.length;
  expect(() => new EmqxClusterComponent('open', {
    cluster: { name: 'open', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] }, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }) }] },
  })).toThrow(/EMQX-PlaintextOnPublicNlb \(default\/open\): listeners.tcp.default on NLB 'public'.*Fix:/);
  expect(registered.slice(before).filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')).toEqual([]);
});

test('a backup role for a cluster without backup is an error naming backupRoleArn', () => {
  expect(() => new EmqxClusterComponent('no-backup', { cluster: { name: 'no-backup', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } }, backupRoleArn: pulumi.output('arn:aws:iam::123456789012:role/x') }))
    .toThrow(/^backupRoleArn: is given for a cluster without backup \(got "\(an Output\)"\); set cluster.backup, or leave backupRoleArn out$/);
});

test('warnings are logged on the site and do not stop the deployment', async () => {
  const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
  const c = new EmqxClusterComponent('even', { cluster: { name: 'even', version: '5.8.9', cores: 4 } });
  await resolve(c.manifests.urn);
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^EMQX-CoreCountEven \(default\/even\): cores = 4\..*Fix:/), c.site);
  expect(c.findings.map((f) => f.id)).toEqual(['EMQX-CoreCountEven']);
  warn.mockRestore();
});

test('the operator backend deploys through Pulumi the same way: the EMQX resource and everything around it, as cdk8s synthesizes them', async () => {
  const { build: buildOperator, operatorClusterSpec } = await import('../../examples/operator-cluster/main');
  const c = new EmqxClusterComponent('emqx-operator-backend', { cluster: operatorClusterSpec, namespace: 'iot-operator' });
  await resolve(c.manifests.urn);
  expect(c.objects).toEqual(buildOperator(Testing.app()).toJson());
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup' && r.name === 'emqx-operator-backend-manifests');
  expect(group!.inputs.objs.filter((o: any) => o.kind === 'EMQX').map((o: any) => o.apiVersion)).toEqual(['apps.emqx.io/v2']);
  expect(group!.inputs.objs.some((o: any) => o.kind === 'StatefulSet' || o.kind === 'Deployment')).toBe(false);
  // both findings acknowledged in the example: nothing logged as a warning
  expect(c.findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
});

test('Route53 names follow an NLB Service the operator creates from its listener template, and our own NLB Services', async () => {
  const { nlbServicesWithHostname } = await import('../../lib/pulumi/nlb-dns-records');
  const { WorkloadBackend } = await import('../../lib/workload/workload-backend');
  const { Authenticator } = await import('../../lib/model/authentication');
  const spec = {
    name: 'plant', version: '5.8.9', namespace: 'iot', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
    authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })],
    listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'floor', hostname: 'mqtt.plant.example.com' }) }],
  };
  const op = new EmqxClusterComponent('plant-op', { cluster: { ...spec, backend: WorkloadBackend.emqxOperator(), acknowledgements: [{ id: 'EMQX-OperatorBlueGreenUpdates', reason: 'accepted for this test cluster' }] } });
  expect(op.objects.some((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer')).toBe(false);
  expect(nlbServicesWithHostname(op.objects)).toEqual([{ namespace: 'iot', name: 'plant-floor', hostname: 'mqtt.plant.example.com' }]);
  const native = new EmqxClusterComponent('plant-native', { cluster: spec });
  expect(nlbServicesWithHostname(native.objects)).toEqual(nlbServicesWithHostname(op.objects));
  await resolve(native.manifests.urn);
});
