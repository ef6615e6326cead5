import { Discovery } from '../../lib/model/discovery';
import { EmqxClusterSpec, ZoneSpread } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { ListenerType } from '../../lib/model/listener-spec';
import { Exposure } from '../../lib/model/exposure';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { CONFIG_HASH_ANNOTATION } from '../../lib/workload/node-pod-parts';
import { emqxContainer, envVar, findObject, K8sObject, objectsOfKind, synth, testChart } from '../support/manifests';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';
import { Authenticator } from '../../lib/model/authentication';

const license = { secretName: 'emqx-license', key: 'license.key' };

function render(spec: Partial<EmqxClusterSpec> = {}, namespace = 'iot'): K8sObject[] {
  const chart = testChart(namespace);
  new EmqxCluster(chart, 'Emqx', { name: 'emqx', version: '6.0.1', cores: 3, replicants: 3, license, networkPolicies: TEST_NETWORK_POLICIES, authentication: [Authenticator.builtInDatabase()], ...spec } as EmqxClusterSpec);
  return synth(chart);
}

describe('EmqxCluster: core StatefulSet', () => {
  const objs = render();
  const sts = findObject(objs, 'StatefulSet', 'emqx-core');
  const c = emqxContainer(sts);

  test('stable name, headless serviceName, Parallel pods, stable label selector', () => {
    expect(sts.metadata.namespace).toBe('iot');
    expect(sts.spec.serviceName).toBe('emqx-headless');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'emqx', 'app.kubernetes.io/instance': 'emqx', 'app.kubernetes.io/component': 'core' });
    expect(sts.spec.template.metadata.labels).toMatchObject(sts.spec.selector.matchLabels);
    expect(JSON.stringify(sts.spec.selector)).not.toMatch(/cdk8s\.io|version/);
  });

  test('a PVC per core for /opt/emqx/data', () => {
    expect(sts.spec.volumeClaimTemplates).toHaveLength(1);
    const pvc = sts.spec.volumeClaimTemplates[0];
    expect(pvc.metadata.name).toBe('data');
    expect(pvc.spec.resources.requests.storage).toBe('10Gi');
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/opt/emqx/data' });
  });

  test('ports: listeners, dashboard, distribution 4370 and gen_rpc 5369', () => {
    const ports = Object.fromEntries(c.ports.map((p: any) => [p.name, p.containerPort]));
    expect(ports).toEqual({ 'mqtt-tcp': 1883, dashboard: 18083, ekka: 4370, 'gen-rpc': 5369 });
  });

  test('node name from EMQX_NAME@EMQX_HOST with the headless FQDN; secrets only by reference', () => {
    expect(envVar(c, 'POD_NAME').valueFrom.fieldRef.fieldPath).toBe('metadata.name');
    expect(envVar(c, 'EMQX_NAME').value).toBe('emqx');
    expect(envVar(c, 'EMQX_HOST').value).toBe('$(POD_NAME).emqx-headless.iot.svc.cluster.local');
    expect(envVar(c, 'EMQX_NODE__COOKIE')).toEqual({ name: 'EMQX_NODE__COOKIE', valueFrom: { secretKeyRef: { name: 'emqx-secrets', key: 'node-cookie' } } });
    expect(envVar(c, 'EMQX_DASHBOARD__DEFAULT_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: 'emqx-secrets', key: 'dashboard-password' });
    expect(envVar(c, 'EMQX_LICENSE__KEY').valueFrom.secretKeyRef).toEqual({ name: 'emqx-license', key: 'license.key' });
    for (const e of c.env) if (/COOKIE|PASSWORD|LICENSE/.test(e.name)) expect(e.value).toBeUndefined();
  });

  test('emqx.conf mounted read-only from the ConfigMap; a config hash rolls pods on change', () => {
    expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: 'emqx-core.conf', readOnly: true });
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'emqx-config' } });
    expect(sts.spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
  });

  test('probes on /status at the dashboard port', () => {
    for (const p of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(c[p].httpGet).toEqual({ path: '/status', port: 'dashboard' });
    }
  });

  test('restricted security context: uid/gid 1000, non-root, no escalation, seccomp RuntimeDefault, no capabilities', () => {
    const pod = sts.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.terminationGracePeriodSeconds).toBe(60);
  });

  test('cores spread hard across zones, selecting only cores', () => {
    const zone = sts.spec.template.spec.topologySpreadConstraints.find((t: any) => t.topologyKey === 'topology.kubernetes.io/zone');
    expect(zone).toEqual({ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: sts.spec.selector.matchLabels } });
  });

  test('resources default to requests and a memory limit', () => {
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } });
  });

  test('the PDB allows one core down at a time', () => {
    const pdb = findObject(objs, 'PodDisruptionBudget', 'emqx-core');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: sts.spec.selector.matchLabels } });
  });
});

describe('EmqxCluster: services, replicants, RBAC', () => {
  const objs = render();

  test('headless discovery Service: cores only, not-ready addresses published, 4370 and 5369', () => {
    const svc = findObject(objs, 'Service', 'emqx-headless');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.publishNotReadyAddresses).toBe(true);
    expect(svc.spec.selector['app.kubernetes.io/component']).toBe('core');
    expect(svc.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['ekka', 4370], ['gen-rpc', 5369]]);
  });

  test('the dashboard Service is internal and selects cores', () => {
    const svc = findObject(objs, 'Service', 'emqx-dashboard');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector['app.kubernetes.io/component']).toBe('core');
    expect(svc.spec.ports).toEqual([{ name: 'dashboard', port: 18083, targetPort: 'dashboard', protocol: 'TCP' }]);
  });

  test('the listener Service sends clients to replicants when there are any', () => {
    expect(findObject(objs, 'Service', 'emqx-mqtt').spec.selector['app.kubernetes.io/component']).toBe('replicant');
    const coreOnly = render({ version: '5.8.9', replicants: 0, license: undefined });
    expect(findObject(coreOnly, 'Service', 'emqx-mqtt').spec.selector['app.kubernetes.io/component']).toBe('core');
  });

  test('replicants: a stateless Deployment named by pod IP, reading the replicant config, with its PDB', () => {
    const dep = findObject(objs, 'Deployment', 'emqx-replicant');
    const c = emqxContainer(dep);
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('replicant');
    expect(envVar(c, 'POD_IP').valueFrom.fieldRef.fieldPath).toBe('status.podIP');
    expect(envVar(c, 'EMQX_HOST').value).toBe('$(POD_IP)');
    expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/opt/emqx/etc/emqx.conf', subPath: 'emqx-replicant.conf', readOnly: true });
    expect(dep.spec.template.spec.volumes).toContainEqual({ name: 'data', emptyDir: {} });
    expect(dep.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('ScheduleAnyway');
    expect(findObject(objs, 'PodDisruptionBudget', 'emqx-replicant').spec.maxUnavailable).toBe(1);
    const cm = findObject(objs, 'ConfigMap', 'emqx-config');
    expect(Object.keys(cm.data).sort()).toEqual(['emqx-core.conf', 'emqx-replicant.conf']);
    expect(cm.data['emqx-replicant.conf']).toContain('role = "replicant"');
  });

  test('DNS discovery needs no RBAC: a ServiceAccount without token, no Role', () => {
    expect(findObject(objs, 'ServiceAccount', 'emqx').automountServiceAccountToken).toBe(false);
    expect(objectsOfKind(objs, 'Role')).toHaveLength(0);
  });

  test('k8s discovery: a Role for the headless Endpoints only, bound to the ServiceAccount, token mounted', () => {
    const k8sObjs = render({ discovery: Discovery.kubernetes() });
    const role = findObject(k8sObjs, 'Role', 'emqx-discovery');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['endpoints'], resourceNames: ['emqx-headless'], verbs: ['get', 'list', 'watch'] }]);
    const binding = findObject(k8sObjs, 'RoleBinding', 'emqx-discovery');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'emqx', namespace: 'iot' }]);
    expect(findObject(k8sObjs, 'StatefulSet', 'emqx-core').spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  test('a core-only cluster has no Deployment and no replicant PDB', () => {
    const coreOnly = render({ version: '5.8.9', edition: EmqxEdition.OPEN_SOURCE, replicants: 0, license: undefined });
    expect(objectsOfKind(coreOnly, 'Deployment')).toHaveLength(0);
    expect(objectsOfKind(coreOnly, 'PodDisruptionBudget').map((p) => p.metadata.name)).toEqual(['emqx-core']);
  });
});

describe('EmqxCluster: one decision, used everywhere', () => {
  test('a node short name with digits moves the distribution port in the container, Service and nothing else', () => {
    const objs = render({ nodeShortName: 'broker2' });
    const sts = findObject(objs, 'StatefulSet', 'emqx-core');
    expect(emqxContainer(sts).ports.find((p: any) => p.name === 'ekka').containerPort).toBe(4372);
    expect(findObject(objs, 'Service', 'emqx-headless').spec.ports[0].port).toBe(4372);
    expect(envVar(emqxContainer(sts), 'EMQX_NAME').value).toBe('broker2');
  });

  test('the chart namespace flows into node names when the spec names none', () => {
    const objs = render({}, 'plant-west');
    expect(envVar(emqxContainer(findObject(objs, 'StatefulSet', 'emqx-core')), 'EMQX_HOST').value).toBe('$(POD_NAME).emqx-headless.plant-west.svc.cluster.local');
    expect(findObject(objs, 'ConfigMap', 'emqx-config').data['emqx-core.conf']).toContain('emqx-headless.plant-west.svc.cluster.local');
  });

  test('zone spread can be softened or dropped per role', () => {
    const objs = render({ coreZoneSpread: ZoneSpread.SOFT, replicantZoneSpread: ZoneSpread.NONE });
    expect(findObject(objs, 'StatefulSet', 'emqx-core').spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('ScheduleAnyway');
    const rep = findObject(objs, 'Deployment', 'emqx-replicant').spec.template.spec.topologySpreadConstraints;
    expect(rep.map((t: any) => t.topologyKey)).toEqual(['kubernetes.io/hostname']);
  });

  test('listeners appear on the pods and on the listener Service', () => {
    const objs = render({ listeners: [{ type: ListenerType.TCP }, { type: ListenerType.WS, name: 'devices', port: 8093 }] });
    const svc = findObject(objs, 'Service', 'emqx-mqtt');
    expect(svc.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['mqtt-tcp', 1883], ['ws-devices', 8093]]);
  });

  test('an NLB exposure gets its own LoadBalancer Service with the AWS Load Balancer Controller annotations', () => {
    const nlb = Exposure.awsNlb({ scheme: 'internet-facing', sourceRanges: ['203.0.113.0/24'], hostname: 'mqtt.example.com' });
    const objs = render({ listeners: [{ type: ListenerType.TCP, name: 'internal', port: 11883 }, { type: ListenerType.TCP, exposure: nlb, proxyProtocol: true }, { type: ListenerType.WS, exposure: nlb, proxyProtocol: true }],
      acknowledgements: [{ id: 'EMQX-PlaintextOnPublicNlb', reason: 'test of the Service rendering, never deployed' }] });
    const svc = findObject(objs, 'Service', 'emqx-public');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['203.0.113.0/24'] });
    expect(svc.spec.selector['app.kubernetes.io/component']).toBe('replicant');
    expect(svc.spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual([['mqtt-tcp', 1883, 'mqtt-tcp'], ['mqtt-ws', 8083, 'mqtt-ws']]);
    expect(svc.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
      'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
      // IP targets see the NLB's address unless the target group preserves the client's
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
      'emqx-constructs.io/hostname': 'mqtt.example.com',
    });
    // the internal listener stays on the ClusterIP Service; the NLB's listeners do not
    expect(findObject(objs, 'Service', 'emqx-mqtt').spec.ports.map((p: any) => p.port)).toEqual([11883]);
  });

  test('an NLB is internal by default and a loadBalancerClass replaces the type annotation', () => {
    const objs = render({ listeners: [{ type: ListenerType.TCP, exposure: Exposure.awsNlb({ name: 'plant', loadBalancerClass: 'service.k8s.aws/nlb', preserveClientIp: false }) }] });
    const svc = findObject(objs, 'Service', 'emqx-plant');
    expect(svc.metadata.annotations!['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
    expect(svc.metadata.annotations!['service.beta.kubernetes.io/aws-load-balancer-type']).toBeUndefined();
    expect(svc.spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(svc.metadata.annotations!['service.beta.kubernetes.io/aws-load-balancer-target-group-attributes']).toBeUndefined();
    expect(objectsOfKind(objs, 'Service').map((s) => s.metadata.name)).not.toContain('emqx-mqtt');
  });

  test('bad input fails at construction with the field named', () => {
    expect(() => render({ cores: 0 })).toThrow(/^cores: must be a whole number of at least 1/);
    expect(() => render({ license: undefined })).toThrow(/^license: EMQX 6.0.1 runs more than one node/);
  });
});
