// The escape hatch patches Kubernetes JSON: a patch written with the API's own field names, or of a field newer
// than the Kubernetes release the library targets, reaches the manifest. (cdk8s's generated L1 classes, which the
// library used before, applied patches to their camelCase props and then dropped every key their converter did
// not know: `/spec/clusterIP` and `/spec/trafficDistribution` vanished without a word.)
import { JsonPatch } from 'cdk8s';
import { Authenticator } from '../../lib/model/authentication';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { findObject, synth, testChart } from '../support/manifests';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

function cluster() {
  const chart = testChart('iot');
  const c = new EmqxCluster(chart, 'Emqx', {
    name: 'emqx',
    version: '5.8.9',
    cores: 3,
    networkPolicies: TEST_NETWORK_POLICIES,
    authentication: [Authenticator.builtInDatabase()],
  });
  return { chart, c };
}

describe('escape hatches patch Kubernetes JSON', () => {
  test('a field newer than Kubernetes 1.28 (Service trafficDistribution, 1.30) reaches the manifest', () => {
    const { chart, c } = cluster();
    c.discoveryService!.resource.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(findObject(synth(chart), 'Service', 'emqx-headless').spec.trafficDistribution).toBe('PreferClose');
  });

  test('the API field names are the paths: /spec/clusterIP on a Service (the L1 prop was clusterIp)', () => {
    const { chart, c } = cluster();
    c.dashboardService!.resource.addJsonPatch(JsonPatch.add('/spec/clusterIP', 'None'));
    const objs = synth(chart);
    expect(findObject(objs, 'Service', 'emqx-dashboard').spec.clusterIP).toBe('None');
    expect(findObject(objs, 'Service', 'emqx-headless').spec.clusterIP).toBe('None');
  });

  test('a pod-level field newer than 1.28 (resources, Kubernetes 1.32) reaches the StatefulSet', () => {
    const { chart, c } = cluster();
    c.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/resources', { limits: { memory: '4Gi' } }));
    const sts = findObject(synth(chart), 'StatefulSet', 'emqx-core');
    expect(sts.spec.template.spec.resources).toEqual({ limits: { memory: '4Gi' } });
    expect(sts.spec.template.spec.containers[0].name).toBe('emqx');
  });
});
