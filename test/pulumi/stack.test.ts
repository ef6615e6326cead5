import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { build } from '../../examples/enterprise-cluster/main';

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    'emqx-constructs',
    'test',
    false,
  );
});

test('the stack hands Pulumi exactly the objects cdk8s synthesizes for the default example', async () => {
  const stack = await import('../../stacks');
  await new Promise<void>((resolve) => stack.manifests.urn.apply(() => resolve()));
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(group).toBeDefined();
  expect(group!.inputs.objs).toEqual(build(new App()).toJson());
  expect(group!.inputs.objs.map((o: any) => `${o.kind}/${o.metadata.name}`)).toContain('StatefulSet/emqx-core');
});
