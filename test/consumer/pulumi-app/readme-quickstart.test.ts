// The README's "Quick start (Pulumi)" program (copied here as quickstart.ts by run.sh), run under Pulumi mocks.
import * as pulumi from '@pulumi/pulumi';

const registered: pulumi.runtime.MockResourceArgs[] = [];

test('the README Pulumi quick start deploys the cluster and its Secrets', async () => {
  pulumi.runtime.setAllConfig({ 'consumer:kubeContext': 'eu-west-1', 'consumer:cookie': 'c00k1e', 'consumer:dashboardPassword': 'pa55' }, ['consumer:cookie', 'consumer:dashboardPassword']);
  await pulumi.runtime.setMocks({ newResource: (a) => { registered.push(a); return { id: `${a.name}-id`, state: { ...a.inputs } }; }, call: (a) => a.inputs }, 'consumer', 'test', false);
  const program = require('./quickstart');
  expect(program.objects).toBeGreaterThan(5);
  await new Promise((r) => setTimeout(r, 500));
  expect(registered.map((r) => r.type)).toEqual(expect.arrayContaining(['kubernetes:yaml/v2:ConfigGroup', 'kubernetes:core/v1:Secret', 'pulumi:providers:kubernetes']));
  const secret = registered.find((r) => r.type === 'kubernetes:core/v1:Secret');
  expect(secret!.inputs.metadata.name).toBe('plant-east-secrets');
});
