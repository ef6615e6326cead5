// Namespaces the way platform teams run them: the components deploy into an existing namespace unless asked to
// create (and then own) it; Kubernetes' own namespaces are never created (or deleted on destroy).
import { EmqxClusterComponent } from '../../lib/pulumi/emqx-cluster-component';
import { EmqxSiteComponent } from '../../lib/pulumi/emqx-site-component';
import { registered, resolve, setPulumiMocks } from '../support/pulumi-mocks';

const cluster = { name: 'plant', version: '5.8.9', networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } };
const namespaces = () => registered.filter((r) => r.type === 'kubernetes:core/v1:Namespace').map((r) => r.inputs.metadata.name);

beforeAll(async () => {
  await setPulumiMocks({}, []);
});

test('by default the namespace is adopted: no Namespace resource, so destroy never deletes it', async () => {
  const before = namespaces();
  const c = new EmqxClusterComponent('adopted', { cluster, namespace: 'iot-prod', secrets: [{ name: 'plant-secrets', data: { 'node-cookie': 'x' } }] });
  await resolve(c.manifests.urn);
  expect(c.site.namespace).toBeUndefined();
  expect(namespaces()).toEqual(before);
  // the objects still land in it
  expect(c.objects.filter((o) => o.metadata.namespace !== undefined).every((o) => o.metadata.namespace === 'iot-prod')).toBe(true);
});

test('createNamespace: the component creates and owns it, before the Secrets and objects', async () => {
  const c = new EmqxClusterComponent('owned', { cluster, namespace: 'iot-owned', createNamespace: true });
  await resolve(c.manifests.urn);
  expect(await resolve(c.site.namespace!.metadata.name)).toBe('iot-owned');
  expect(namespaces()).toContain('iot-owned');
});

test.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('%s can be deployed into but never created', (ns) => {
  expect(() => new EmqxSiteComponent(`sys-${ns}`, { namespace: ns, createNamespace: true, objects: [], findings: [] }))
    .toThrow(new RegExp(`^createNamespace: is a namespace Kubernetes itself manages.*\\(got "${ns}"\\)`));
  expect(() => new EmqxSiteComponent(`sys-ok-${ns}`, { namespace: ns, objects: [], findings: [] })).not.toThrow();
});
