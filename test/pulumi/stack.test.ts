import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { build } from '../../examples/enterprise-cluster/main';
import { EmqxClusterComponent } from '../../lib/pulumi/emqx-cluster-component';
import { Exposure } from '../../lib/spec/exposure';
import { ListenerType } from '../../lib/spec/listener-spec';

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

function urnOf(r: pulumi.Resource): Promise<string> {
  return new Promise((resolve) => r.urn.apply(resolve));
}

test('the stack hands Pulumi exactly the objects cdk8s synthesizes for the default example', async () => {
  const stack = await import('../../stacks');
  await urnOf(stack.manifests);
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup' && r.name === 'emqx-manifests');
  expect(group).toBeDefined();
  expect(group!.inputs.objs).toEqual(build(Testing.app()).toJson());
  expect(group!.inputs.objs.map((o: any) => `${o.kind}/${o.metadata.name}`)).toContain('StatefulSet/emqx-core');
  // the component is the ConfigGroup's parent
  const component = registered.find((r) => r.type === 'emqx:k8s:Cluster' && r.name === 'emqx');
  expect(component).toBeDefined();
  expect(await urnOf(stack.manifests)).toContain('emqx:k8s:Cluster$kubernetes:yaml/v2:ConfigGroup::emqx-manifests');
});

test('the component runs the checks: an unacknowledged error fails the program before any resource', () => {
  const before = registered.length;
  expect(() => new EmqxClusterComponent('open', {
    cluster: { name: 'open', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] }, listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ scheme: 'internet-facing' }) }] },
  })).toThrow(/EMQX-PlaintextOnPublicNlb: listeners.tcp.default on NLB 'public'.*Fix:/);
  expect(registered.slice(before).filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')).toEqual([]);
});

test('warnings are logged on the component and do not stop the deployment', async () => {
  const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
  const c = new EmqxClusterComponent('even', { cluster: { name: 'even', version: '5.8.9', cores: 4 } });
  await urnOf(c.manifests);
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^EMQX-CoreCountEven \(default\/even\): cores = 4\..*Fix:/), c);
  expect(c.findings.map((f) => f.id)).toEqual(['EMQX-CoreCountEven']);
  warn.mockRestore();
});
