// The typed stack config: a key is required only when the deployment uses it, every problem is reported at once
// (key, stack file, fix), and secret keys must be Pulumi secrets. Also the transforms policy of the components.
import * as pulumi from '@pulumi/pulumi';
import { JsonPatch } from 'cdk8s';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { EmqxClusterComponent } from '../../lib/pulumi/emqx-cluster-component';
import { ClusterRegion } from '../../lib/pulumi/cluster-region';
import { readRegionConfig, RegionConfigError } from '../../lib/pulumi/region-config';
import { resolve, setPulumiMocks } from '../support/pulumi-mocks';

const SECRETS = { 'emqx:cookie': 'c0okie', 'emqx:dashboardPassword': 'dashb0ard' };
const secretKeys = (config: Record<string, string>) => Object.keys(config).filter((k) => /cookie|Password|license|backupApi|bridgePasswords|kubeconfig/.test(k));

/** Sets the stack's config (everything matching a secret key name is marked secret unless `plain` lists it). */
function setConfig(config: Record<string, string>, plain: string[] = []): void {
  pulumi.runtime.setAllConfig(config, secretKeys(config).filter((k) => !plain.includes(k)));
}

/** The problems a config gives, as `key: problem` lines. */
function problems(needs: Parameters<typeof readRegionConfig>[0]): string[] {
  try {
    readRegionConfig(needs);
  } catch (e) {
    if (!(e instanceof RegionConfigError)) throw e;
    return e.problems.map((p) => `${p.key}: ${p.problem}`);
  }
  return [];
}

beforeAll(async () => {
  await setPulumiMocks({}, []);
});

test('a plain cluster stack needs only the two secrets: no region, zone, bucket, OIDC or API key', async () => {
  setConfig(SECRETS);
  const config = readRegionConfig({ role: 'cluster' });
  expect(config).toMatchObject({ role: 'cluster', stack: 'test', createNamespaces: false, plants: [] });
  expect(config.backup).toBeUndefined();
  expect(config.region).toBeUndefined();
  expect(await resolve(config.cookie)).toBe('c0okie');
  expect(await pulumi.isSecret(config.cookie)).toBe(true);
});

test('an empty plants stack: every missing key at once, each with the stack file and the fix', () => {
  setConfig({ 'emqx:role': 'plants' });
  let error: RegionConfigError | undefined;
  try {
    readRegionConfig({ federationPlants: ['plant-lyon'] });
  } catch (e) {
    error = e as RegionConfigError;
  }
  expect(error).toBeInstanceOf(RegionConfigError);
  expect(error!.problems.map((p) => p.key)).toEqual(['emqx:plants', 'emqx:hubStack', 'emqx:cookie', 'emqx:dashboardPassword', 'emqx:bridgePasswords']);
  expect(error!.message).toMatch(/^5 problems in the config of Pulumi\.test\.yaml:\n/);
  expect(error!.message).toContain("  - emqx:cookie: is required for every site (the Erlang cookie of its nodes); pulumi config set --secret emqx:cookie \"$(openssl rand -hex 32)\" (stack test)");
  expect(error!.message).toContain('  - emqx:hubStack: is required for a plants stack');
});

test('a secret stored in plain text is an error naming the key (its value is never shown)', () => {
  setConfig({ ...SECRETS, 'emqx:license': 'LICENSE-TEXT' }, ['emqx:license', 'emqx:cookie']);
  const found = problems({ role: 'cluster', license: true });
  expect(found).toEqual(['emqx:cookie: is stored in plain text in Pulumi.test.yaml', 'emqx:license: is stored in plain text in Pulumi.test.yaml']);
  expect(found.join()).not.toContain('LICENSE-TEXT');
});

test('backups: the bucket makes the OIDC settings, the API key and the region required; wrong shapes are named', () => {
  setConfig({ ...SECRETS, 'emqx:backupBucket': 'Not_A_Bucket', 'emqx:oidcIssuer': 'https://oidc.eks.eu-west-1.amazonaws.com/id/X' });
  expect(problems({ role: 'cluster' })).toEqual([
    'emqx:region: is required for the AWS resources (DNS records, backup bucket)',
    'emqx:oidcProviderArn: is required with emqx:backupBucket set (backups)',
    'emqx:oidcIssuer: starts with a scheme (got https://oidc.eks.eu-west-1.amazonaws.com/id/X)',
    'emqx:backupBucket: is not an S3 bucket name (got Not_A_Bucket)',
    'emqx:backupApiKey: is required with emqx:backupBucket set (backups)',
    'emqx:backupApiSecret: is required with emqx:backupBucket set (backups)',
  ]);
});

test("a cluster's own backup spec turns backups on; emqx:backupBucket must then name the same bucket", () => {
  setConfig({ ...SECRETS, 'aws:region': 'eu-west-1', 'emqx:backupBucket': 'other-bucket' });
  expect(problems({ role: 'cluster', backupBucket: 'iiot-backups' })).toEqual(expect.arrayContaining([
    'emqx:backupBucket: names other-bucket, and the cluster\'s backup spec names iiot-backups',
    "emqx:oidcProviderArn: is required with emqx:backupBucket set (backups)",
  ]));
  setConfig({ ...SECRETS, 'aws:region': 'eu-west-1' });
  expect(problems({ role: 'cluster', backupBucket: 'iiot-backups' })).toContain("emqx:backupApiKey: is required for the cluster's backup to iiot-backups");
});

test('DNS and license: required only when a deployed site uses them; a wrong zone id is named', () => {
  setConfig(SECRETS);
  expect(problems({ role: 'cluster', dns: false, license: false })).toEqual([]);
  expect(problems({ role: 'cluster', dns: true, license: true })).toEqual([
    'emqx:hostedZoneId: is required for the DNS records of the NLB hostnames',
    'emqx:license: is required for the sites whose spec has a license Secret',
  ]);
  setConfig({ ...SECRETS, 'emqx:hostedZoneId': 'example.com' });
  expect(problems({ role: 'cluster', dns: true })).toEqual([
    'emqx:hostedZoneId: is not a Route53 hosted zone id (got example.com)',
    'emqx:region: is required for the AWS resources (DNS records, backup bucket)',
  ]);
});

test('a plants stack: unknown or repeated plants, a bad hub stack name, missing bridge passwords; needs per named plant', () => {
  setConfig({
    ...SECRETS,
    'emqx:role': 'plants',
    'emqx:plants': '["plant-lyon","plant-nowhere","plant-lyon"]',
    'emqx:hubStack': 'eu-west-1',
    'emqx:bridgePasswords': '{"plant-porto":"pw"}',
  });
  const licensed = jest.fn((ps: readonly string[]) => ps.includes('plant-lyon'));
  expect(problems({ federationPlants: ['plant-lyon', 'plant-porto'], license: licensed })).toEqual([
    'emqx:plants: names plant-nowhere, not a plant of the federation (plants: plant-lyon, plant-porto)',
    'emqx:plants: names a plant twice',
    'emqx:hubStack: is not <org>/<project>/<stack> (got eu-west-1)',
    'emqx:license: is required for the sites whose spec has a license Secret',
    'emqx:bridgePasswords: has no password for plant-lyon, plant-nowhere, plant-lyon',
  ]);
  expect(licensed).toHaveBeenCalledWith(['plant-lyon', 'plant-lyon']);
});

test('wrong values: a role, a list that is not JSON, bridge passwords that are not a map, createNamespaces', () => {
  setConfig({ ...SECRETS, 'emqx:role': 'region', 'emqx:plants': 'plant-lyon', 'emqx:bridgePasswords': '["pw"]', 'emqx:createNamespaces': 'yes' });
  expect(problems({ bridges: true })).toEqual([
    'emqx:role: is not a role (got region)',
    'emqx:plants: is not JSON (got plant-lyon)',
    'emqx:bridgePasswords: is not a JSON object of plant name to password',
    'emqx:createNamespaces: is not true or false (got yes)',
  ]);
});

test('a ClusterRegion reads the config with what its cluster needs, before any resource', () => {
  setConfig({ 'emqx:role': 'cluster' });
  expect(() => new ClusterRegion('unconfigured', {
    cluster: { name: 'plant', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] }, license: { secretName: 'lic', key: 'key' }, edition: EmqxEdition.ENTERPRISE },
  })).toThrow(/emqx:cookie.*\n.*emqx:dashboardPassword.*\n.*emqx:license/);
});

describe('checks stay authoritative', () => {
  const cluster = { name: 'plant', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } };

  test('Pulumi transforms on a component are refused, naming the way that keeps the checks', () => {
    const transform: pulumi.ResourceTransform = async (a) => ({ props: a.props, opts: a.opts });
    expect(() => new EmqxClusterComponent('transformed', { cluster }, { transforms: [transform] }))
      .toThrow(/^EmqxClusterComponent: transforms would change the rendered objects after the checks ran; pass customize/);
    expect(() => new ClusterRegion('transformed-region', { cluster }, { transformations: [(a) => ({ props: a.props, opts: a.opts })] }))
      .toThrow(/^ClusterRegion: transformations would change/);
  });

  test('customize changes the objects before the checks, which see the change (a literal secret fails the program)', () => {
    expect(() => new EmqxClusterComponent('patched', {
      cluster,
      customize: (c) => c.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'EMQX_NODE__COOKIE', value: 'literal' })),
    })).toThrow(/EMQX-SecretLiteralInEnv \(default\/plant\)/);
  });

  test('customize reaches the deployed objects', async () => {
    const c = new EmqxClusterComponent('labelled', { cluster, customize: (x) => x.cores!.resource.addJsonPatch(JsonPatch.add('/metadata/labels/acme.example~1owner', 'platform')) });
    await resolve(c.manifests.urn);
    expect(c.objects.find((o) => o.kind === 'StatefulSet')!.metadata.labels['acme.example/owner']).toBe('platform');
  });
});
