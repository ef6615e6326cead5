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
import { operator22ClusterSpec, operatorClusterSpec } from '../../examples/operator-cluster/main';
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

// Operator 2.3 (apps.emqx.io/v2) for the default example's 6.3.1, Operator 2.2 (v2beta1) for the 5.8 LTS; what the
// library adds to the operator's environment per API and release (hand-checked against emqx-facts §10.16 68, §10.13 77)
const API_CASES = [
  {
    title: 'EMQX 6.3.1 on Operator 2.3',
    spec: operatorClusterSpec,
    apiVersion: 'apps.emqx.io/v2',
    image: 'emqx/emqx-enterprise:6.3.1',
    ticktime: '60s',
    addedEnv: [{ name: 'EMQX_CLUSTER__NAME', value: 'emqx' }, { name: 'EMQX_DASHBOARD__LISTENERS__HTTP__BIND', value: '0.0.0.0:18083' }],
  },
  { title: 'EMQX 5.8.12 on Operator 2.2', spec: operator22ClusterSpec, apiVersion: 'apps.emqx.io/v2beta1', image: 'emqx/emqx-enterprise:5.8.12', ticktime: '2m', addedEnv: [] },
];

describe.each(API_CASES)('the same spec with either backend: $title', ({ spec: operatorSpec, apiVersion, image, ticktime, addedEnv }) => {
  const native = render({ ...operatorSpec, backend: undefined, acknowledgements: defaultClusterSpec.acknowledgements });
  const op = render(operatorSpec);
  const cr = findObject(op, 'EMQX', 'emqx');

  test('the operator backend renders one EMQX resource instead of the workloads and the Services the operator makes', () => {
    expect(cr.apiVersion).toBe(apiVersion);
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
    expect(nodeRest).toEqual({ dist_net_ticktime: ticktime });
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
      // then what the operator's own environment gets wrong for this API and release, after it (so it wins)
      expect(t.spec.env).toEqual([...c.env.filter((e: any) => !identity.includes(e.name)), ...addedEnv]);
      expect(t.spec.env.slice(0, t.spec.env.length - addedEnv.length).every((e: any) => e.valueFrom?.secretKeyRef || /^EMQX_(SECURITY_PROFILE|FEATURES)$/.test(e.name))).toBe(true);
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
      image,
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
    ['backend.emqxOperator.apiVersion', { backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v1beta4' as any }) }, /\(got "apps.emqx.io\/v1beta4"\); use 'apps.emqx.io\/v2' \(EMQX Operator 2.3, EMQX 5.9\+\) or 'apps.emqx.io\/v2beta1'/],
    ['backend.emqxOperator.apiVersion', { backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v2' }) }, /Operator 2.3's API, which is documented for EMQX 5.9 and newer, not 5.8.9/],
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

describe('apps.emqx.io/v2 (EMQX Operator 2.3)', () => {
  // every JSON field of EMQXSpec, EMQXCoreTemplateSpec (EMQXReplicantTemplateSpec inlined), ServiceTemplate and
  // BootstrapAPIKey, copied by hand from the json tags of api/v2/emqx_types_spec.go (emqx/emqx-operator 06c21a4d6bbd)
  const V2_FIELDS = {
    spec: ['image', 'imagePullPolicy', 'imagePullSecrets', 'serviceAccountName', 'bootstrapAPIKeys', 'config', 'clusterDomain', 'revisionHistoryLimit', 'updateStrategy', 'coreTemplate', 'replicantTemplate', 'dashboardServiceTemplate', 'listenersServiceTemplate'],
    config: ['mode', 'data'],
    updateStrategy: ['type', 'initialDelaySeconds', 'evacuationStrategy'],
    evacuationStrategy: ['connEvictRate', 'sessEvictRate', 'waitTakeover', 'waitHealthCheck'],
    template: ['metadata', 'spec'],
    templateSpec: [
      'nodeSelector', 'nodeName', 'affinity', 'tolerations', 'topologySpreadConstraints', 'replicas', 'minAvailable', 'maxUnavailable', 'command', 'args', 'ports', 'env',
      'envFrom', 'resources', 'podSecurityContext', 'containerSecurityContext', 'initContainers', 'extraContainers', 'extraVolumes', 'extraVolumeMounts', 'livenessProbe',
      'readinessProbe', 'startupProbe', 'lifecycle', 'volumeClaimTemplates',
    ],
    serviceTemplate: ['enabled', 'metadata', 'spec'],
    bootstrapApiKey: ['key', 'secret', 'secretRef'],
  };
  const keys = (o: object | undefined) => Object.keys(o ?? {});

  test('every field written is a field of the v2 Go API, in every example that renders v2', () => {
    const chart = testChart('iot');
    new EmqxCluster(chart, 'Emqx', operatorClusterSpec);
    const cr = findObject(synth(chart), 'EMQX', 'emqx');
    expect(cr.apiVersion).toBe('apps.emqx.io/v2');
    expect(V2_FIELDS.spec).toEqual(expect.arrayContaining(keys(cr.spec)));
    expect(V2_FIELDS.config).toEqual(expect.arrayContaining(keys(cr.spec.config)));
    expect(V2_FIELDS.updateStrategy).toEqual(expect.arrayContaining(keys(cr.spec.updateStrategy)));
    expect(V2_FIELDS.evacuationStrategy).toEqual(expect.arrayContaining(keys(cr.spec.updateStrategy.evacuationStrategy)));
    for (const t of [cr.spec.coreTemplate, cr.spec.replicantTemplate]) {
      expect(V2_FIELDS.template).toEqual(expect.arrayContaining(keys(t)));
      expect(V2_FIELDS.templateSpec).toEqual(expect.arrayContaining(keys(t.spec)));
    }
    for (const t of [cr.spec.dashboardServiceTemplate, cr.spec.listenersServiceTemplate]) expect(V2_FIELDS.serviceTemplate).toEqual(expect.arrayContaining(keys(t)));
    for (const k of cr.spec.bootstrapAPIKeys) {
      expect(V2_FIELDS.bootstrapApiKey).toEqual(expect.arrayContaining(keys(k)));
      // KeyRef.secretKey: +kubebuilder:validation:Pattern:=`^[a-zA-Z\d-_]+$`
      for (const ref of [k.secretRef.key, k.secretRef.secret]) expect(ref.secretKey).toMatch(/^[a-zA-Z\d\-_]+$/);
    }
    // v2's defaults the library does not rely on: replicas (2) and probes are always written
    expect(cr.spec.coreTemplate.spec.replicas).toBe(3);
    expect(cr.spec.coreTemplate.spec.readinessProbe.httpGet).toEqual({ path: '/status', port: 'dashboard' });
  });

  test('Operator 2.2 on EMQX 6.3 (an explicit choice): the explicit dashboard bind, and no cluster name variable (v2beta1 mounts config.data as emqx.conf)', () => {
    const chart = testChart('iot');
    new EmqxCluster(chart, 'Emqx', { ...operatorClusterSpec, backend: WorkloadBackend.emqxOperator({ apiVersion: 'apps.emqx.io/v2beta1' }), acknowledgements: [...operatorClusterSpec.acknowledgements!, { id: 'EMQX-OperatorApiBehindRelease', reason: 'operator 2.2 until the fleet upgrade; replica sets updated by the runbook' }] });
    const cr = findObject(synth(chart), 'EMQX', 'emqx');
    expect(cr.apiVersion).toBe('apps.emqx.io/v2beta1');
    const names = cr.spec.coreTemplate.spec.env.map((e: any) => e.name);
    expect(names).toContain('EMQX_DASHBOARD__LISTENERS__HTTP__BIND');
    expect(names).not.toContain('EMQX_CLUSTER__NAME');
  });

  test('the default API follows the release: v2 from 5.9, v2beta1 before', () => {
    const api = (version: string) => {
      const chart = testChart('iot');
      new EmqxCluster(chart, 'Emqx', { name: 'plant', version, networkPolicies: TEST_NETWORK_POLICIES, backend: operator, ...(version >= '5.9' ? { license: { secretName: 'l', key: 'k' } } : {}) });
      return findObject(synth(chart), 'EMQX', 'plant').apiVersion;
    };
    expect(['5.1.6', '5.8.9', '5.9.0', '6.0.1', '6.3.1'].map(api)).toEqual(['apps.emqx.io/v2beta1', 'apps.emqx.io/v2beta1', 'apps.emqx.io/v2', 'apps.emqx.io/v2', 'apps.emqx.io/v2']);
  });
});
