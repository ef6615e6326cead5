// Pulumi mocks for the user's program: resources echo their inputs, plus what the cloud would fill in.
import * as pulumi from '@pulumi/pulumi';

export const registered: pulumi.runtime.MockResourceArgs[] = [];
export const HUB_CA = '-----BEGIN CERTIFICATE-----\nMIIBconsumer\n-----END CERTIFICATE-----\n';
export const LB = 'k8s-iothub-hubbridges-0123.elb.eu-west-1.amazonaws.com';

export async function mockStack(stack: string, config: Record<string, string>, secretKeys: string[], stackOutputs: Record<string, unknown> = {}): Promise<void> {
  pulumi.runtime.setAllConfig(config, secretKeys);
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      registered.push(args);
      const state: Record<string, any> = { ...args.inputs };
      if (args.type === 'kubernetes:core/v1:Service' && args.id) state.status = { loadBalancer: { ingress: [{ hostname: LB }] } };
      if (args.type === 'kubernetes:core/v1:Secret' && args.id) state.data = { 'ca.crt': Buffer.from(HUB_CA).toString('base64') };
      if (args.type === 'pulumi:pulumi:StackReference') {
        state.outputs = stackOutputs;
        state.secretOutputNames = ['hubCaPem'];
      }
      if (args.type === 'aws:iam/role:Role') state.arn = `arn:aws:iam::123456789012:role/${args.name}`;
      if (args.type === 'aws:s3/bucket:Bucket') state.arn = `arn:aws:s3:::${args.inputs.bucket}`;
      return { id: args.id ?? `${args.name}-id`, state };
    },
    call: (args) => args.inputs,
  }, 'acme-iot', stack, false);
}

/** Every registered resource's URN (`…::<parent type>$<type>::<name>`), from the mock monitor. */
export function urns(): string[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
  return [...monitor.getRegisteredResources().keys()];
}

/** Resolves an Output in a test. */
export function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((r) => o.apply((v) => { r(v); return v; }));
}
