import * as pulumi from '@pulumi/pulumi';

/** Every resource the program registered (or read), in order. */
export const registered: pulumi.runtime.MockResourceArgs[] = [];

export const HUB_CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
export const NLB_ADDRESS = 'k8s-iothub-hubeubri-0123456789.elb.eu-west-1.amazonaws.com';

/** Pulumi mocks: resources echo their inputs, plus what the cloud would fill in (ARNs, LB addresses, stack outputs). */
export async function setPulumiMocks(config: Record<string, string>, secretKeys: string[], stackOutputs: Record<string, unknown> = {}): Promise<void> {
  pulumi.runtime.setAllConfig(config, secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        const state: Record<string, any> = { ...args.inputs };
        if (args.type === 'kubernetes:core/v1:Service' && args.id) state.status = { loadBalancer: { ingress: [{ hostname: NLB_ADDRESS }] } };
        if (args.type === 'kubernetes:core/v1:Secret' && args.id) state.data = { 'ca.crt': Buffer.from(HUB_CA_PEM).toString('base64') };
        if (args.type === 'pulumi:pulumi:StackReference') {
          state.outputs = stackOutputs;
          state.secretOutputNames = ['hubCaPem'];
        }
        if (args.type === 'aws:iam/role:Role') state.arn = `arn:aws:iam::123456789012:role/${args.name}`;
        if (args.type === 'aws:s3/bucket:Bucket') state.arn = `arn:aws:s3:::${args.inputs.bucket}`;
        if (args.type === 'aws:route53/record:Record') state.fqdn = args.inputs.name;
        return { id: args.id ?? `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    'emqx-constructs',
    'test',
    false,
  );
}

/** Resolves an Output (or a resource's urn) in tests. */
export function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((r) => o.apply((v) => { r(v); return v; }));
}

/** Whether an Output is secret. */
export function isSecret(o: pulumi.Output<unknown>): Promise<boolean> {
  return pulumi.isSecret(o);
}

/** The common region config of the stacks. */
export const BASE_CONFIG: Record<string, string> = {
  'emqx:region': 'eu-west-1',
  'emqx:kubeContext': 'hub-eu',
  'emqx:hostedZoneId': 'Z0123456789ABCDEFGHIJ',
  'emqx:oidcProviderArn': 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
  'emqx:oidcIssuer': 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
  'emqx:backupBucket': 'iiot-emqx-backups-eu-west-1',
  'emqx:cookie': 'cookie-value-0123',
  'emqx:dashboardPassword': 'dashboard-value-0123',
  'emqx:license': 'license-value-0123',
  'emqx:backupApiKey': 'backup-key-0123',
  'emqx:backupApiSecret': 'backup-secret-0123',
  'emqx:bridgePasswords': JSON.stringify({ 'plant-lyon': 'lyon-pw-0123', 'plant-porto': 'porto-pw-0123', 'plant-oslo': 'oslo-pw-0123' }),
};
export const SECRET_KEYS = ['emqx:cookie', 'emqx:dashboardPassword', 'emqx:license', 'emqx:backupApiKey', 'emqx:backupApiSecret', 'emqx:bridgePasswords'];
/** Every secret value of BASE_CONFIG, to search outputs for. */
export const SECRET_VALUES = ['cookie-value-0123', 'dashboard-value-0123', 'license-value-0123', 'backup-key-0123', 'backup-secret-0123', 'lyon-pw-0123', 'porto-pw-0123', 'oslo-pw-0123'];

/** Pulumi's wire signature of a secret value (`{ [SECRET_SIG]: SECRET_SIG_VALUE, value }`). */
export const SECRET_SIG = '4dabf18193072939515e22adb298388d';
export const SECRET_SIG_VALUE = '1b47061264138c4ac30d75fd1eb44270';
