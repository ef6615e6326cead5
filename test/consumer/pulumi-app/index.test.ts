// A user's Pulumi program test: the installed 'emqx-constructs/pulumi' under Pulumi mocks, with ts-jest and
// no transform setting for the package (it ships JavaScript).
import * as pulumi from '@pulumi/pulumi';

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs } };
      },
      call: (args) => args.inputs,
    },
    'consumer',
    'test',
    false,
  );
});

function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((r) => o.apply((v) => { r(v); return v; }));
}

test('EmqxClusterComponent deploys the cluster objects with its Secrets, from the installed package', async () => {
  const { EmqxClusterComponent } = await import('emqx-constructs/pulumi');
  const { EmqxVersion } = await import('emqx-constructs');
  const cluster = new EmqxClusterComponent('plant', {
    cluster: { name: 'plant', version: EmqxVersion.V5_8_9, cores: 3, networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } },
    namespace: 'iot',
    secrets: [{ name: 'plant-secrets', data: { cookie: 'not-in-the-manifests' } }],
  });
  await resolve(cluster.manifests.urn);
  const kinds = cluster.objects.map((o) => `${o.kind}/${o.metadata.name}`);
  expect(kinds).toEqual(expect.arrayContaining(['StatefulSet/plant-core', 'Service/plant-headless', 'ConfigMap/plant-config']));
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(group?.inputs.objs).toEqual(cluster.objects);
  expect(registered.some((r) => r.type === 'kubernetes:core/v1:Secret' && r.inputs.metadata.name === 'plant-secrets')).toBe(true);
  expect(JSON.stringify(cluster.objects)).not.toContain('not-in-the-manifests');
});
