import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { Authenticator } from '../../lib/model/authentication';
import { AuthorizationSource } from '../../lib/model/authorization';
import { Discovery } from '../../lib/model/discovery';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Peer } from '../../lib/network/network-peer';
import { Tls } from '../../lib/model/tls';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { defaultClusterSpec } from '../../examples/enterprise-cluster/main';
import { operatorClusterSpec } from '../../examples/operator-cluster/main';
import { parseHocon } from '../support/hocon';
import { emqxContainer, findObject, K8sObject, objectsOfKind, synth, testChart } from '../support/manifests';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';

const operator = WorkloadBackend.emqxOperator();

function render(spec: EmqxClusterSpec): K8sObject[] {
  const chart = testChart('iot');
  new EmqxCluster(chart, 'Emqx', spec);
  return synth(chart);
}

const nameOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const byName = (objects: K8sObject[]) => new Map(objects.map((o) => [nameOf(o), o]));

describe('the same spec with either backend (the default example, on the operator example\'s release)', () => {
  const native = render({ ...defaultClusterSpec, version: operatorClusterSpec.version });
  const op = render(operatorClusterSpec);
  const cr = findObject(op, 'EMQX', 'emqx');

  test('the operator backend renders one EMQX resource instead of the workloads and the Services the operator makes', () => {
    expect(cr.apiVersion).toBe('apps.emqx.io/v2beta1');
    const onlyNative = [...byName(native).keys()].filter((k) => !byName(op).has(k)).sort();
    expect(onlyNative).toEqual([
      'Deployment/emqx-replicant',
      'PodDisruptionBudget/emqx-core',
      'PodDisruptionBudget/emqx-replicant',
      'Service/emqx-dashboard', // the operator's dashboardServiceTemplate has the same name
      'Service/emqx-headless', // the operator's headless Service has the same name
      'StatefulSet/emqx-core',
    ]);
    expect([...byName(op).keys()].filter((k) => !byName(native).has(k))).toEqual(['EMQX/emqx']);
  });

  test('everything around the workload is the same object, except that the operator\'s controller may reach the REST API', () => {
    const n = byName(native);
    for (const o of op.filter((x) => x.kind !== 'EMQX')) {
      const theirs = n.get(nameOf(o))!;
      if (nameOf(o) === 'NetworkPolicy/emqx-dashboard') {
        const [ours, native0] = [o.spec.ingress[0].from, theirs.spec.ingress[0].from];
        expect(ours).toEqual([
          { podSelector: { matchLabels: { 'control-plane': 'controller-manager' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'emqx-operator-system' } } },
          ...native0,
        ]);
      } else if (nameOf(o) === 'ConfigMap/emqx-config') {
        // emqx.conf is the EMQX resource's config.data: the ConfigMap keeps only the ACL file the pods mount
        expect(Object.keys(theirs.data)).toEqual(expect.arrayContaining(['emqx-core.conf', 'acl.rules']));
        expect(o).toEqual({ ...theirs, data: { 'acl.rules': theirs.data['acl.rules'] } });
      } else if (o.kind === 'Certificate') {
        // the operator's core pods are named after a template hash: one wildcard instead of one name per core
        const wildcard = '*.emqx-headless.iot.svc.cluster.local';
        expect(o.spec.dnsNames).toContain(wildcard);
        expect(o.spec.dnsNames.filter((d: string) => d !== wildcard)).toEqual(theirs.spec.dnsNames.filter((d: string) => !/^emqx-core-\d+\./.test(d)));
      } else {
        expect(o).toEqual(theirs);
      }
    }
  });

  test('config.data is the native emqx.conf less what the operator sets (node role/data dir, discovery, api_key)', async () => {
    const nativeConf = await parseHocon(findObject(native, 'ConfigMap', 'emqx-config').data['emqx-core.conf']);
    const data = await parseHocon(cr.spec.config.data);
    expect(cr.spec.config.mode).toBe('Merge');
    // the native node section less what the operator sets through env (role, data dir)
    const { role: _r, data_dir: _d, ...nodeRest } = nativeConf.node;
    expect(data.node).toEqual(nodeRest);
    expect(nodeRest).toEqual({ dist_net_ticktime: '2m' });
    expect(data.api_key).toBeUndefined();
    expect(data.cluster).toEqual({ name: 'emqx' });
    const { node: _n, api_key: _a, cluster: _c, ...rest } = nativeConf;
    const { cluster: _c2, node: _n2, ...opRest } = data;
    expect(opRest).toEqual(rest);
    // every undeclared listener stays disabled: the operator's Service ports come from the enabled ones
    expect(data.listeners.ws.default).toEqual({ enable: false });
    expect(data.dashboard.listeners.http.bind).toBe('0.0.0.0:18083');
  });

  test('the core and replicant templates carry the native pod template\'s parts', () => {
    for (const [tmpl, workload] of [['coreTemplate', 'StatefulSet/emqx-core'], ['replicantTemplate', 'Deployment/emqx-replicant']] as const) {
      const w = byName(native).get(workload)!;
      const pod = w.spec.template;
      const c = emqxContainer(w);
      const t = cr.spec[tmpl];
      expect(t.spec.replicas).toBe(3);
      // our app.kubernetes.io labels: the operator copies them onto its pods, so every selector still matches;
      // managed-by names the operator, which makes these pods
      expect(t.metadata.labels).toEqual({ ...pod.metadata.labels, 'app.kubernetes.io/managed-by': 'emqx-operator' });
      expect(t.spec.ports).toEqual(c.ports);
      expect(t.spec.resources).toEqual(c.resources);
      expect(t.spec.containerSecurityContext).toEqual(c.securityContext);
      expect(t.spec.podSecurityContext).toEqual(pod.spec.securityContext);
      expect(t.spec.topologySpreadConstraints).toEqual(pod.spec.topologySpreadConstraints);
      for (const p of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(t.spec[p]).toEqual(c[p]);
      // the operator sets the node name, discovery and cookie; the secrets stay references
      const identity = ['POD_NAME', 'POD_IP', 'EMQX_NAME', 'EMQX_HOST', 'EMQX_NODE__COOKIE'];
      expect(t.spec.env).toEqual(c.env.filter((e: any) => !identity.includes(e.name)));
      expect(t.spec.env.every((e: any) => e.valueFrom?.secretKeyRef)).toBe(true);
      // the TLS Secret as extra volume/mount; config, log and data volumes are the operator's own, and
      // the metrics and backup API keys are its bootstrapAPIKeys instead of our api_key.bootstrap_file (which the native
      // backend writes with an init container from the two Secrets when there is a backup job)
      const operatorOwn = ['config', 'log', 'data', 'api-keys', 'metrics-api-key'];
      expect(pod.spec.volumes.map((v: any) => v.name)).toContain('api-keys');
      // the native config volume holds emqx.conf and the ACL file; the operator's own holds config.data only,
      // so the ACL file (the ConfigMap's acl.rules) is an extra volume mounted where emqx.conf's file source reads it
      const acl = { name: 'acl', configMap: { name: 'emqx-config', items: [{ key: 'acl.rules', path: 'acl.rules' }] } };
      const aclMount = { name: 'acl', mountPath: '/opt/emqx/etc/generated/acl.conf', subPath: 'acl.rules', readOnly: true };
      expect(t.spec.extraVolumes).toEqual([...pod.spec.volumes.filter((v: any) => !operatorOwn.includes(v.name)), acl]);
      expect(t.spec.extraVolumeMounts).toEqual([...c.volumeMounts.filter((m: any) => !operatorOwn.includes(m.name)), aclMount]);
      expect(c.volumeMounts).toContainEqual(expect.objectContaining({ name: 'config', mountPath: '/opt/emqx/etc/generated/acl.conf', subPath: 'acl.rules' }));
      // the operator makes the role's PDB from this
      expect(t.spec.maxUnavailable).toBe(1);
    }
    expect(cr.spec.coreTemplate.spec.volumeClaimTemplates).toEqual(findObject(native, 'StatefulSet', 'emqx-core').spec.volumeClaimTemplates[0].spec);
    expect(cr.spec.replicantTemplate.spec.volumeClaimTemplates).toBeUndefined();
  });

  test('image, service account, cluster domain, update strategy and bootstrap API keys from Secrets', () => {
    expect(cr.spec).toMatchObject({
      image: 'emqx/emqx-enterprise:6.0.1',
      serviceAccountName: 'emqx',
      clusterDomain: 'cluster.local',
      revisionHistoryLimit: 2,
      updateStrategy: { type: 'Recreate', initialDelaySeconds: 10, evacuationStrategy: { waitTakeover: 10, connEvictRate: 1000, sessEvictRate: 1000 } },
    });
    // the metrics key (basic auth of the ServiceMonitor) and the backup job's key, by reference only
    expect(cr.spec.bootstrapAPIKeys).toEqual([
      { secretRef: { key: { secretName: 'emqx-metrics', secretKey: 'api-key' }, secret: { secretName: 'emqx-metrics', secretKey: 'api-secret' } } },
      { secretRef: { key: { secretName: 'emqx-backup-api-key', secretKey: 'api-key' }, secret: { secretName: 'emqx-backup-api-key', secretKey: 'api-secret' } } },
    ]);
    expect(cr.spec.bootstrapAPIKeys.some((k: any) => k.key !== undefined || k.secret !== undefined)).toBe(false);
  });

  test('dashboard Service template: ClusterIP, the name the backup job and policies use; listener template off (three exposures)', () => {
    expect(cr.spec.dashboardServiceTemplate).toEqual({
      enabled: true,
      metadata: { name: 'emqx-dashboard', labels: findObject(native, 'Service', 'emqx-dashboard').metadata.labels },
      spec: { type: 'ClusterIP', ports: [{ name: 'dashboard', port: 18083, protocol: 'TCP', targetPort: 'dashboard' }] },
    });
    expect(cr.spec.listenersServiceTemplate).toEqual({ enabled: false });
    expect(objectsOfKind(op, 'Service').map((s) => s.metadata.name).sort()).toEqual(['emqx-devices', 'emqx-metrics', 'emqx-mqtt', 'emqx-public']);
  });
});

describe('the operator\'s listener Service template', () => {
  const nlb = Exposure.awsNlb({ name: 'plant-floor', scheme: 'internal', hostname: 'mqtt.plant.example.com', idleTimeoutSeconds: 600 });
  const spec: EmqxClusterSpec = {
    name: 'plant',
    version: '5.8.9',
    backend: operator,
    networkPolicies: TEST_NETWORK_POLICIES,
    authentication: [Authenticator.http({ url: 'http://auth.iam.svc:8080/mqtt' })],
    listeners: [
      { type: ListenerType.SSL, exposure: nlb, tls: Tls.fromSecret({ secretName: 'plant-tls' }) },
      { type: ListenerType.TCP, port: 1884, exposure: nlb },
    ],
  };

  test('carries the listeners when they all share one exposure: the NLB Service\'s name, annotations and ports', () => {
    const native = render({ ...spec, backend: undefined });
    const objects = render(spec);
    const svc = findObject(native, 'Service', 'plant-plant-floor');
    const t = findObject(objects, 'EMQX', 'plant').spec.listenersServiceTemplate;
    expect(t).toEqual({
      enabled: true,
      metadata: { name: 'plant-plant-floor', labels: svc.metadata.labels, annotations: svc.metadata.annotations },
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        loadBalancerSourceRanges: undefined,
        ports: svc.spec.ports,
      },
    });
    expect(t.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-1884']).toBe('tcp.idle_timeout.seconds=600');
    // no Service of ours for it: the operator owns it (and keeps its annotations as declared here)
    expect(objectsOfKind(objects, 'Service').map((s) => s.metadata.name)).toEqual([]);
  });

  test('the ACL file comes from our ConfigMap as an extra volume; its hash, not the config\'s, rolls the pods', () => {
    const acl = AuthorizationSource.file([{ permission: 'allow', who: { username: 'gw' }, action: 'publish', topics: ['plant/#'] }]);
    const objects = render({ ...spec, authorization: { sources: [acl] } });
    const cm = findObject(objects, 'ConfigMap', 'plant-config');
    expect(Object.keys(cm.data)).toEqual(['acl.rules']);
    const t = findObject(objects, 'EMQX', 'plant').spec.coreTemplate;
    expect(t.spec.extraVolumes).toContainEqual({ name: 'acl', configMap: { name: 'plant-config', items: [{ key: 'acl.rules', path: 'acl.rules' }] } });
    expect(t.spec.extraVolumeMounts).toContainEqual({ name: 'acl', mountPath: '/opt/emqx/etc/generated/acl.conf', subPath: 'acl.rules', readOnly: true });
    const hash = t.metadata.annotations['emqx-constructs.io/config-hash'];
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    // a config change alone does not change the template (it reaches the nodes through the operator's REST calls)
    const other = findObject(render({ ...spec, authorization: { sources: [acl] }, logLevel: 'error' }), 'EMQX', 'plant').spec;
    expect(other.coreTemplate).toEqual(t);
    expect(other.config.data).not.toEqual(findObject(objects, 'EMQX', 'plant').spec.config.data);
    // without an ACL file: no ConfigMap and no annotation
    const plain = render(spec);
    expect(objectsOfKind(plain, 'ConfigMap')).toEqual([]);
    expect(findObject(plain, 'EMQX', 'plant').spec.coreTemplate.metadata.annotations).toBeUndefined();
  });

  test('a custom controller location is what the dashboard policy admits', () => {
    const objects = render({ ...spec, backend: WorkloadBackend.emqxOperator({ controllerPeer: Peer.namespace('platform-operators') }) });
    expect(findObject(objects, 'NetworkPolicy', 'plant-dashboard').spec.ingress[0].from[0]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'platform-operators' } } });
  });
});

describe('what the operator decides cannot be asked for: early errors naming the field', () => {
  const base: EmqxClusterSpec = { name: 'plant', version: '5.8.9', backend: operator, networkPolicies: TEST_NETWORK_POLICIES };
  const cases: [string, Partial<EmqxClusterSpec>, RegExp][] = [
    ['discovery', { discovery: Discovery.kubernetes() }, /^discovery: the EMQX Operator sets it itself .*DNS SRV .*\(got "k8s"\); remove discovery/],
    ['nodeShortName', { nodeShortName: 'mqtt1' }, /^nodeShortName: .*node names are emqx@.*\(got "mqtt1"\)/],
    ['secrets.cookie', { secrets: { cookie: { secretName: 'c', key: 'k' } } }, /^secrets.cookie: .*Secret <name>-node-cookie \(got "c"\)/],
    ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: 90 }, /^terminationGracePeriodSeconds: .*no such field.*\(got 90\)/],
    ['backend.emqxOperator.revisionHistoryLimit', { backend: WorkloadBackend.emqxOperator({ revisionHistoryLimit: -1 }) }, /must be a whole number of at least 0 \(got -1\)/],
    ['backend.emqxOperator.evacuation.connectionEvictionRate', { backend: WorkloadBackend.emqxOperator({ evacuation: { connectionEvictionRate: 0 } }) }, /must be a whole number of at least 1 \(got 0\)/],
    ['backend.emqxOperator.apiVersion', { backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v1beta4' as any }) }, /\(got "apps.emqx.io\/v1beta4"\); use 'apps.emqx.io\/v2beta1'/],
  ];
  test.each(cases)('%s', (field, patch, message) => {
    let err: unknown;
    try {
      render({ ...base, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EmqxSpecError);
    expect((err as EmqxSpecError).field).toBe(field);
    expect((err as Error).message).toMatch(message);
  });

  test('Discovery.dnsSrv() stated explicitly is fine; the default grace period becomes the Kubernetes default', () => {
    const objects = render({ ...base, discovery: Discovery.dnsSrv() });
    expect(findObject(objects, 'EMQX', 'plant').spec.coreTemplate.spec.replicas).toBe(3);
  });
});
