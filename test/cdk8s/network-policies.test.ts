import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { Discovery } from '../../lib/model/discovery';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Peer } from '../../lib/network/network-peer';
import { findObject, K8sObject, objectsOfKind, synth, testChart } from '../support/manifests';
import { Authenticator } from '../../lib/model/authentication';

function render(spec: Partial<EmqxClusterSpec>): K8sObject[] {
  const chart = testChart('iot');
  new EmqxCluster(chart, 'Emqx', { name: 'plant', version: '5.8.9', cores: 3, authentication: [Authenticator.builtInDatabase()], ...spec } as EmqxClusterSpec);
  return synth(chart);
}

describe('rendered NetworkPolicies', () => {
  const objs = render({
    nodeShortName: 'emqx7',
    listeners: [{ type: ListenerType.TCP, allowFrom: [Peer.pods({ app: 'ingest' }, { namespace: 'data' })] }],
    networkPolicies: {
      dashboardFrom: [Peer.namespace('monitoring')],
      extraEgress: [{ ports: [{ port: 9000 }], to: [Peer.cidr('10.50.0.0/16', ['10.50.1.0/24'])] }],
    },
  });
  const policies = objectsOfKind(objs, 'NetworkPolicy');

  test('one stably named policy per concern, labeled like the workloads, with its purpose', () => {
    expect(policies.map((p) => p.metadata.name)).toEqual(['plant-default-deny', 'plant-cluster-internal', 'plant-dns', 'plant-listeners', 'plant-dashboard', 'plant-extra']);
    for (const p of policies) {
      expect(p.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': 'plant', 'app.kubernetes.io/component': 'network-policy' });
      expect(p.metadata.annotations!['emqx-constructs.io/purpose'].length).toBeGreaterThan(10);
      expect(JSON.stringify(p.spec.podSelector)).not.toMatch(/cdk8s|version/);
    }
  });

  test('default deny covers both directions for every EMQX pod', () => {
    expect(findObject(objs, 'NetworkPolicy', 'plant-default-deny').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'emqx', 'app.kubernetes.io/instance': 'plant' } },
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  test('the distribution port is the computed one (4370 + 7), the same the containers declare', () => {
    const internal = findObject(objs, 'NetworkPolicy', 'plant-cluster-internal').spec;
    expect(internal.ingress[0].ports).toEqual([{ port: 4377, protocol: 'TCP' }, { port: 5369, protocol: 'TCP' }]);
    expect(internal.egress[0].ports).toEqual(internal.ingress[0].ports);
    const ports = findObject(objs, 'StatefulSet', 'plant-core').spec.template.spec.containers[0].ports;
    expect(ports).toContainEqual({ name: 'ekka', containerPort: 4377, protocol: 'TCP' });
  });

  test('listener peers, dashboard peers and extra egress are rendered as declared', () => {
    expect(findObject(objs, 'NetworkPolicy', 'plant-listeners').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'ingest' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } }], ports: [{ port: 1883, protocol: 'TCP' }] },
    ]);
    expect(findObject(objs, 'NetworkPolicy', 'plant-dashboard').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
    expect(findObject(objs, 'NetworkPolicy', 'plant-extra').spec).toMatchObject({
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.50.0.0/16', except: ['10.50.1.0/24'] } }], ports: [{ port: 9000, protocol: 'TCP' }] }],
    });
  });

  test('disabled with a reason: no policies', () => {
    expect(objectsOfKind(render({ networkPolicies: { disabled: { reason: 'Cilium clusterwide policies cover EMQX' } } }), 'NetworkPolicy')).toEqual([]);
  });

  test('an NLB listener admits its sourceRanges and the VPC (health checks); internet-facing without ranges admits anyone', () => {
    const ranged = render({
      listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ sourceRanges: ['10.20.0.0/16'] }) }],
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
    });
    expect(findObject(ranged, 'NetworkPolicy', 'plant-listeners').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.20.0.0/16' } }, { ipBlock: { cidr: '10.0.0.0/16' } }]);
  });
});

describe('network policy spec errors', () => {
  const resolve = (spec: Partial<EmqxClusterSpec>) => () => resolveClusterSpec({ name: 'plant', version: '5.8.9', ...spec } as EmqxClusterSpec);
  test.each([
    ['an NLB without VPC CIDRs', { listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb() }] }, /^networkPolicies.vpcCidrs: .*health checks/],
    ['k8s discovery without the API server', { discovery: Discovery.kubernetes() }, /^networkPolicies.apiServer: Kubernetes discovery/],
    ['monitoring without dashboard peers', { monitoring: {} }, /^networkPolicies.dashboardFrom: monitoring scrapes port 18083/],
    ['disabled without a real reason', { networkPolicies: { disabled: { reason: 'no' } } }, /^networkPolicies.disabled.reason: must say/],
    ['a bad VPC CIDR', { networkPolicies: { vpcCidrs: ['10.0.0.0/33'] } }, /^networkPolicies.vpcCidrs\[0\]: is not a CIDR/],
    ['an empty allowFrom', { listeners: [{ type: ListenerType.TCP, allowFrom: [] }] }, /^listeners\[0\].allowFrom: needs a non-empty list/],
    ['an extra rule without ports', { networkPolicies: { extraIngress: [{ ports: [], from: [Peer.anywhere()] }] } }, /^networkPolicies.extraIngress\[0\].ports: needs at least one port/],
  ])('%s', (_n, spec, message) => {
    expect(resolve(spec as Partial<EmqxClusterSpec>)).toThrow(message);
  });

  test('peers validate their input', () => {
    expect(() => Peer.cidr('10.0.0.300/8')).toThrow(/^peer.cidr: is not a CIDR/);
    expect(() => Peer.namespace('Monitoring')).toThrow(/^peer.namespace: /);
    expect(() => Peer.pods({})).toThrow(/^peer.pods: needs at least one label/);
  });
});
