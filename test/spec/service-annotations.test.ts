// Annotations of every Service the library renders, merged with ours; a contradiction names both sides.
import { Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { MonitoringSpec } from '../../lib/monitoring/monitoring-spec';
import { Peer } from '../../lib/network/network-peer';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import '../support/quiet-report';

const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';
const base: EmqxClusterSpec = { name: 'emqx', version: '5.8.9', cores: 3, networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } };
function objects(spec: EmqxClusterSpec): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'iot', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', spec);
  return chart.toJson();
}
const service = (objs: any[], name: string) => objs.find((o) => o.kind === 'Service' && o.metadata.name === name);
const nlb = (annotations: Record<string, string>, more: Partial<Parameters<typeof Exposure.awsNlb>[0]> = {}) => ({
  ...base,
  listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'plant', annotations, ...more }) }],
  acknowledgements: [{ id: 'EMQX-AnonymousListener', reason: 'a test of Service annotations only' }],
});

test('NLB Service: subnets, security groups and EIPs added; target group attributes merged with ours', () => {
  const svc = service(objects(nlb({
    [`${ANN}subnets`]: 'subnet-0a,subnet-0b',
    [`${ANN}security-groups`]: 'sg-0123',
    [`${ANN}eip-allocations`]: 'eipalloc-1,eipalloc-2',
    [`${ANN}target-group-attributes`]: 'deregistration_delay.timeout_seconds=30',
    // the same value as ours is no contradiction
    [`${ANN}scheme`]: 'internal',
  })), 'emqx-plant');
  expect(svc.metadata.annotations).toMatchObject({
    [`${ANN}subnets`]: 'subnet-0a,subnet-0b',
    [`${ANN}security-groups`]: 'sg-0123',
    [`${ANN}eip-allocations`]: 'eipalloc-1,eipalloc-2',
    [`${ANN}target-group-attributes`]: 'preserve_client_ip.enabled=true,deregistration_delay.timeout_seconds=30',
    [`${ANN}scheme`]: 'internal',
    [`${ANN}nlb-target-type`]: 'ip',
  });
});

test.each([
  [{ [`${ANN}scheme`]: 'internet-facing' }, `scheme`, 'contradicts "internal", which the library sets from Exposure.awsNlb({ scheme })'],
  [{ [`${ANN}nlb-target-type`]: 'instance' }, 'nlb-target-type', 'which the library sets from the library (IP targets'],
  [{ [`${ANN}target-group-attributes`]: 'preserve_client_ip.enabled=false' }, 'target-group-attributes', 'sets preserve_client_ip.enabled=false, and the library sets preserve_client_ip.enabled=true from Exposure.awsNlb({ preserveClientIp })'],
  [{ [`${ANN}attributes`]: 'load_balancing.cross_zone.enabled' }, 'attributes', "which is not key=value"],
])('NLB annotation %j is refused: %s', (annotations, key, message) => {
  expect(() => objects(nlb(annotations))).toThrow(expect.objectContaining({ field: `exposure 'plant'.annotations.${ANN}${key}`, message: expect.stringContaining(message) }));
});

test('an annotation with an invalid key is refused where it is given', () => {
  expect(() => Exposure.awsNlb({ annotations: { 'not a key': 'x' } })).toThrow(expect.objectContaining({ field: 'exposure.annotations.not a key' }));
});

test('listeners on one NLB must agree on its annotations (one Exposure per NLB)', () => {
  const spec = {
    ...base,
    listeners: [
      { type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'plant', annotations: { [`${ANN}subnets`]: 'subnet-a' } }) },
      { type: ListenerType.WS, exposure: Exposure.awsNlb({ name: 'plant', annotations: { [`${ANN}subnets`]: 'subnet-b' } }) },
    ],
  };
  expect(() => objects(spec)).toThrow(expect.objectContaining({ field: 'listeners[1].exposure', message: expect.stringContaining("NLB 'plant' is declared with different settings") }));
});

test('the in-cluster, headless, dashboard and metrics Services carry their annotations; without any, none', () => {
  const monitoring: MonitoringSpec = { scrape: 'ServiceMonitor' } as MonitoringSpec;
  const objs = objects({
    ...base,
    monitoring,
    networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] },
    serviceAnnotations: { mqtt: { 'mesh.example/inject': 'false' }, headless: { 'a.example/h': '1' }, dashboard: { 'a.example/d': '1' }, metrics: { 'a.example/m': '1' } },
  });
  expect(service(objs, 'emqx-mqtt').metadata.annotations).toEqual({ 'mesh.example/inject': 'false' });
  expect(service(objs, 'emqx-headless').metadata.annotations).toEqual({ 'a.example/h': '1' });
  expect(service(objs, 'emqx-dashboard').metadata.annotations).toEqual({ 'a.example/d': '1' });
  expect(service(objs, 'emqx-metrics').metadata.annotations).toEqual({ 'a.example/m': '1' });
  for (const o of objects(base).filter((x) => x.kind === 'Service')) expect(o.metadata.annotations).toBeUndefined();
});

test('with the EMQX Operator: the dashboard template carries them; headless is refused (the operator makes that Service)', () => {
  const acknowledgements = [{ id: 'EMQX-OperatorBlueGreenUpdates', reason: 'accepted for this test cluster' }];
  const emqx = objects({ ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements, serviceAnnotations: { dashboard: { 'a.example/d': '1' } } }).find((o) => o.kind === 'EMQX');
  expect(emqx.spec.dashboardServiceTemplate.metadata.annotations).toEqual({ 'a.example/d': '1' });
  let error: unknown;
  try {
    objects({ ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements, serviceAnnotations: { headless: { 'a.example/h': '1' } } });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(EmqxSpecError);
  expect((error as EmqxSpecError).field).toBe('serviceAnnotations.headless');
  expect(() => objects({ ...base, serviceAnnotations: { ingress: {} } as never })).toThrow(expect.objectContaining({ field: 'serviceAnnotations.ingress' }));
  expect(() => objects({ ...base, serviceAnnotations: { dashboard: { x: 1 } } as never })).toThrow(expect.objectContaining({ field: 'serviceAnnotations.dashboard.x' }));
});
