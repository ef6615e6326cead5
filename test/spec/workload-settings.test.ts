// Workload settings a Helm or Operator user sets on day one, rendered by both backends; every error path named.
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { EmqxClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { WorkloadSettings } from '../../lib/workload/workload-settings';
import '../support/quiet-report';
import { specErrorOf } from '../support/spec-errors';


const base: EmqxClusterSpec = { name: 'emqx', version: '5.8.9', edition: EmqxEdition.ENTERPRISE, license: { secretName: 'emqx-license', key: 'license.key' }, cores: 3, replicants: 2, networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } };
const operatorAcks = [{ id: 'EMQX-OperatorBlueGreenUpdates', reason: 'accepted for this test cluster' }];

function synth(spec: EmqxClusterSpec): { objects: any[]; cluster: EmqxCluster } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'iot', disableResourceNameHashes: true });
  const cluster = new EmqxCluster(chart, 'Emqx', spec);
  return { objects: chart.toJson(), cluster };
}
const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

const helm: WorkloadSettings = {
  imagePullSecrets: ['registry-credentials'],
  imagePullPolicy: 'Always',
  podAnnotations: { 'fluentbit.io/parser': 'emqx' },
  podLabels: { 'acme.example/team': 'platform' },
  env: [{ name: 'TZ', value: 'UTC' }, { name: 'EMQX_MQTT__MAX_TOPIC_ALIAS', value: '65535' }],
  envFrom: [{ configMapRef: 'emqx-extra-env' }],
  volumes: [{ name: 'spool', emptyDir: { sizeLimit: '1Gi' } }],
  volumeMounts: [{ name: 'spool', mountPath: '/opt/emqx/spool' }],
  sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', volumeMounts: [{ name: 'log', mountPath: '/emqx-log', readOnly: true }], resources: { limits: { memory: '64Mi' } }, securityContext: { readOnlyRootFilesystem: true } }],
  initContainers: [{ name: 'wait-dns', image: 'busybox:1.36.1', command: ['sh', '-c', 'nslookup kubernetes.default'] }],
  probes: { startup: { failureThreshold: 60 }, readiness: { initialDelaySeconds: 10 } },
  serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/emqx' },
  cores: {
    nodeSelector: { 'node-role.acme.example/broker': 'true' },
    tolerations: [{ key: 'dedicated', value: 'emqx', effect: 'NoSchedule' }],
    priorityClassName: 'broker-critical',
    podManagementPolicy: 'OrderedReady',
  },
  replicants: {
    tolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] } }] } },
    maxUnavailable: '50%',
  },
};

describe('native backend', () => {
  const { objects } = synth({ ...base, workload: helm });
  const sts = find(objects, 'StatefulSet', 'emqx-core');
  const dep = find(objects, 'Deployment', 'emqx-replicant');

  test('scheduling per role: cores on dedicated broker nodes, replicants on spot nodes', () => {
    expect(sts.spec.template.spec).toMatchObject({
      nodeSelector: { 'node-role.acme.example/broker': 'true' },
      tolerations: [{ key: 'dedicated', value: 'emqx', effect: 'NoSchedule' }],
      priorityClassName: 'broker-critical',
    });
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(dep.spec.template.spec.nodeSelector).toBeUndefined();
    expect(dep.spec.template.spec.tolerations).toEqual([{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(dep.spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(50);
    expect(find(objects, 'PodDisruptionBudget', 'emqx-replicant').spec.maxUnavailable).toBe('50%');
    expect(find(objects, 'PodDisruptionBudget', 'emqx-core').spec.maxUnavailable).toBe(1);
  });

  test('pull settings, pod-only metadata, env, volumes and containers on both roles', () => {
    for (const w of [sts, dep]) {
      const pod = w.spec.template;
      expect(pod.spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
      expect(pod.metadata.annotations['fluentbit.io/parser']).toBe('emqx');
      expect(pod.metadata.annotations['emqx-constructs.io/config-hash']).toMatch(/^[0-9a-f]{16}$/);
      expect(pod.metadata.labels['acme.example/team']).toBe('platform');
      // pod-only: not on the workload, not in the selector
      expect(w.metadata.labels['acme.example/team']).toBeUndefined();
      expect(w.spec.selector.matchLabels['acme.example/team']).toBeUndefined();
      const [emqx, shipper] = pod.spec.containers;
      expect(emqx.imagePullPolicy).toBe('Always');
      expect(emqx.env.slice(-2)).toEqual([{ name: 'TZ', value: 'UTC' }, { name: 'EMQX_MQTT__MAX_TOPIC_ALIAS', value: '65535' }]);
      expect(emqx.envFrom).toEqual([{ configMapRef: { name: 'emqx-extra-env' } }]);
      expect(emqx.volumeMounts).toContainEqual({ name: 'spool', mountPath: '/opt/emqx/spool' });
      expect(pod.spec.volumes).toContainEqual({ name: 'spool', emptyDir: { sizeLimit: '1Gi' } });
      expect(shipper).toMatchObject({ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', imagePullPolicy: 'Always', resources: { limits: { memory: '64Mi' } } });
      expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-dns']);
    }
    expect(sts.spec.template.spec.containers[0].startupProbe.failureThreshold).toBe(60);
    expect(sts.spec.template.spec.containers[0].readinessProbe).toMatchObject({ initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 3 });
    expect(find(objects, 'ServiceAccount', 'emqx').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/emqx' });
  });

  test('every extra container runs under Pod Security Standard restricted', () => {
    for (const c of [...sts.spec.template.spec.containers.slice(1), ...sts.spec.template.spec.initContainers]) {
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    }
    expect(sts.spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('without settings, the pods are as before (no empty fields)', () => {
    const plain = find(synth(base).objects, 'StatefulSet', 'emqx-core');
    for (const k of ['nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'imagePullSecrets', 'initContainers']) expect(plain.spec.template.spec[k]).toBeUndefined();
    expect(plain.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['emqx']);
    expect(plain.spec.podManagementPolicy).toBe('Parallel');
  });

  test("the checks see the extra containers: a literal secret in a sidecar's env fails synthesis", () => {
    const app = Testing.app();
    new EmqxCluster(new Chart(app, 'leak', { namespace: 'iot' }), 'Emqx', {
      ...base, workload: { sidecars: [{ name: 'exporter', image: 'acme/exporter:1.0.0', env: [{ name: 'API_TOKEN', value: 'literal' }] }] },
    });
    expect(() => app.synth()).toThrow(/EMQX-SecretLiteralInEnv: .*container exporter: API_TOKEN/);
  });
});

describe('EMQX Operator backend', () => {
  const { objects } = synth({ ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements: operatorAcks, workload: { ...helm, cores: { ...helm.cores, priorityClassName: undefined, podManagementPolicy: undefined } } });
  const emqx = find(objects, 'EMQX', 'emqx');

  test("renders the settings where the operator's API has them", () => {
    expect(emqx.spec.imagePullPolicy).toBe('Always');
    expect(emqx.spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    const core = emqx.spec.coreTemplate;
    const replicant = emqx.spec.replicantTemplate;
    expect(core.metadata.annotations).toEqual({ 'fluentbit.io/parser': 'emqx' });
    expect(core.metadata.labels['acme.example/team']).toBe('platform');
    expect(core.spec).toMatchObject({
      nodeSelector: { 'node-role.acme.example/broker': 'true' },
      tolerations: [{ key: 'dedicated', value: 'emqx', effect: 'NoSchedule' }],
      envFrom: [{ configMapRef: { name: 'emqx-extra-env' } }],
      maxUnavailable: 1,
    });
    expect(core.spec.extraContainers.map((c: any) => c.name)).toEqual(['log-shipper']);
    expect(core.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-dns']);
    expect(core.spec.extraVolumes).toContainEqual({ name: 'spool', emptyDir: { sizeLimit: '1Gi' } });
    expect(core.spec.startupProbe.failureThreshold).toBe(60);
    expect(replicant.spec.maxUnavailable).toBe('50%');
    expect(replicant.spec.tolerations).toEqual([{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test.each([
    [{ cores: { priorityClassName: 'broker-critical' } }, 'workload.cores.priorityClassName', 'the EMQX Operator pod templates have no such field (apps.emqx.io/v2beta1 and v2'],
    [{ cores: { podManagementPolicy: 'OrderedReady' } }, 'workload.cores.podManagementPolicy', 'the operator manages the StatefulSet'],
    [{ cores: { imagePullPolicy: 'Always' } }, 'workload.replicants.imagePullPolicy', 'the EMQX Operator has one imagePullPolicy per EMQX resource'],
    [{ replicants: { imagePullSecrets: ['other'] } }, 'workload.replicants.imagePullSecrets', 'the EMQX Operator has one imagePullSecrets per EMQX resource'],
  ] as [WorkloadSettings, string, string][])('%j is refused, naming the field and the backend', (workload, field, message) => {
    expect(() => synth({ ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements: operatorAcks, workload })).toThrow(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });
});

// every error path of the settings: the field named, and what is wrong
test.each([
  [{ nodeSelector: { 'not a key': 'x' } }, 'workload.nodeSelector.not a key', 'is not a valid label key'],
  [{ podLabels: { 'app.kubernetes.io/name': 'x' } }, 'workload.podLabels.app.kubernetes.io/name', 'is a label the library sets'],
  [{ podLabels: { team: 'not valid!' } }, 'workload.podLabels.team', 'is not a valid label value'],
  [{ podAnnotations: { 'emqx-constructs.io/config-hash': 'x' } }, 'workload.podAnnotations.emqx-constructs.io/config-hash', 'is an annotation the library sets'],
  [{ podAnnotations: { a: 1 } }, 'workload.podAnnotations.a', 'is not a string'],
  [{ tolerations: { key: 'x' } }, 'workload.tolerations', 'is not a list'],
  [{ tolerations: [null] }, 'workload.tolerations[0]', 'is empty'],
  [{ tolerations: [{ value: 'x' }] }, 'workload.tolerations[0].key', "is required unless operator is 'Exists'"],
  [{ tolerations: [{ key: 'x', operator: 'Exists', value: 'y' }] }, 'workload.tolerations[0].value', "is given with operator 'Exists'"],
  [{ tolerations: [{ key: 'x', operator: 'Like' }] }, 'workload.tolerations[0].operator', 'is not Equal or Exists'],
  [{ tolerations: [{ key: 'x', effect: 'NoRun' }] }, 'workload.tolerations[0].effect', 'is not a taint effect'],
  [{ tolerations: [{ key: 'x', effect: 'NoSchedule', tolerationSeconds: 30 }] }, 'workload.tolerations[0].tolerationSeconds', 'applies to NoExecute taints only'],
  [{ tolerations: [{ key: 'x', effct: 'NoSchedule' }] }, 'workload.tolerations[0].effct', "did you mean 'effect'?"],
  [{ affinity: { nodeAfinity: {} } }, 'workload.affinity.nodeAfinity', "did you mean 'nodeAffinity'?"],
  [{ priorityClassName: 'Not_Valid' }, 'workload.priorityClassName', 'is not a valid PriorityClass name'],
  [{ imagePullSecrets: ['Bad Name'] }, 'workload.imagePullSecrets[0]', 'is not a valid Secret name'],
  [{ imagePullPolicy: 'Sometimes' }, 'workload.imagePullPolicy', 'is not a pull policy'],
  [{ env: [{ name: '1BAD', value: 'x' }] }, 'workload.env[0].name', 'is not an environment variable name'],
  [{ env: [{ name: 'EMQX_NODE__COOKIE', value: 'x' }] }, 'workload.env[0].name', 'is set by the library'],
  [{ env: [{ name: 'A', value: 'x' }, { name: 'A', value: 'y' }] }, 'workload.env[1].name', 'is given twice'],
  [{ env: [{ name: 'A' }] }, 'workload.env[0]', 'needs exactly one of value, secretKeyRef, configMapKeyRef or fieldPath'],
  [{ env: [{ name: 'A', value: 1 }] }, 'workload.env[0].value', 'is not a string'],
  [{ env: [{ name: 'A', secretKeyRef: 'literal' }] }, 'workload.env[0].secretKeyRef', 'secret values come from a Kubernetes Secret'],
  [{ env: [{ name: 'A', configMapKeyRef: { name: 'cm', key: 'bad key' } }] }, 'workload.env[0].configMapKeyRef.key', 'is not a ConfigMap key'],
  [{ env: [{ name: 'A', fieldPath: 'spec.containers' }] }, 'workload.env[0].fieldPath', 'is not a pod field the downward API exposes'],
  [{ env: [{ name: 'EMQX_mqtt__x', value: '1' }] }, 'workload.env[0].name', 'is not an EMQX setting variable'],
  [{ envFrom: [{ secretRef: 'a', configMapRef: 'b' }] }, 'workload.envFrom[0]', 'needs exactly one of secretRef or configMapRef'],
  [{ envFrom: [{ secretRef: 'a', prefix: '1x' }] }, 'workload.envFrom[0].prefix', 'is not an environment variable prefix'],
  [{ volumes: [{ name: 'host', hostPath: { path: '/' } }] }, 'workload.volumes[0].hostPath', 'is a volume type Pod Security Standard "restricted" forbids'],
  [{ volumes: [{ name: 'x', gitRepo: {} }] }, 'workload.volumes[0].gitRepo', 'is not a volume type the library renders'],
  [{ volumes: [{ name: 'x', emptyDir: {}, secret: { secretName: 's' } }] }, 'workload.volumes[0]', 'needs exactly one volume source'],
  [{ volumes: [{ name: 'config', emptyDir: {} }] }, 'workload.volumes[0].name', 'is a volume of the library'],
  [{ volumes: [{ name: 'x', emptyDir: {} }, { name: 'x', emptyDir: {} }] }, 'workload.volumes[1].name', 'is given twice'],
  [{ volumes: [{ name: 'x', emptyDir: { sizeLimit: 'lots' } }] }, 'workload.volumes[0].emptyDir.sizeLimit', 'is not a Kubernetes quantity'],
  [{ volumes: [{ name: 'x', csi: {} }] }, 'workload.volumes[0].csi.driver', 'is required'],
  [{ volumeMounts: [{ name: 'nope', mountPath: '/x' }] }, 'workload.volumeMounts[0].name', 'is not a volume of the pod'],
  [{ volumeMounts: [{ name: 'log', mountPath: 'relative' }] }, 'workload.volumeMounts[0].mountPath', 'is not an absolute path'],
  [{ volumeMounts: [{ name: 'log', mountPath: '/opt/emqx/data' }] }, 'workload.volumeMounts[0].mountPath', 'is already a mount point'],
  [{ sidecars: [{ name: 'emqx', image: 'a/b:1' }] }, 'workload.sidecars[0].name', 'is the EMQX container'],
  [{ sidecars: [{ name: 'x', image: 'a/b:1' }, { name: 'x', image: 'a/b:1' }] }, 'workload.sidecars[1].name', 'is the name of another container'],
  [{ sidecars: [{ name: 'x', image: 'a/b' }] }, 'workload.sidecars[0].image', 'is not pinned to a tag or digest'],
  [{ sidecars: [{ name: 'x', image: 'a/b:latest' }] }, 'workload.sidecars[0].image', 'is not pinned to a tag or digest'],
  [{ sidecars: [{ name: 'x', image: 'a/b:1', securityContext: { privileged: true } }] }, 'workload.sidecars[0].securityContext.privileged', 'is fixed by Pod Security Standard "restricted"'],
  [{ sidecars: [{ name: 'x', image: 'a/b:1', securityContext: { runAsUser: 0 } }] }, 'workload.sidecars[0].securityContext.runAsUser', 'runs the container as root'],
  [{ sidecars: [{ name: 'x', image: 'a/b:1', resources: { limits: { memory: 'much' } } }] }, 'workload.sidecars[0].resources.limits.memory', 'is not a Kubernetes quantity'],
  [{ sidecars: [{ name: 'x', image: 'a/b:1', ports: [{ name: 'Metrics', containerPort: 1 }] }] }, 'workload.sidecars[0].ports[0].name', 'is not a port name'],
  [{ initContainers: [{ name: 'x', image: 'a/b:1', volumeMounts: [{ name: 'gone', mountPath: '/x' }] }] }, 'workload.initContainers[0].volumeMounts[0].name', 'is not a volume of the pod'],
  [{ probes: { startup: { periodSeconds: 0 } } }, 'workload.probes.startup.periodSeconds', 'is not a whole number from 1 to 3600'],
  [{ probes: { start: {} } }, 'workload.probes.start', "did you mean 'startup'?"],
  [{ maxUnavailable: 0 }, 'workload.maxUnavailable', '0 would block every node drain'],
  [{ maxUnavailable: '150%' }, 'workload.maxUnavailable', 'is not a count of at least 1 or a percentage'],
  [{ podManagementPolicy: 'Parallel' }, 'workload.podManagementPolicy', 'applies to the core StatefulSet only'],
  [{ cores: { podManagementPolicy: 'Random' } }, 'workload.cores.podManagementPolicy', 'is not a pod management policy'],
  [{ replicants: { podManagementPolicy: 'Parallel' } }, 'workload.replicants.podManagementPolicy', "is not a known setting"],
  [{ serviceAccountAnnotations: { 'bad key!': 'x' } }, 'workload.serviceAccountAnnotations.bad key!', 'is not a valid annotation key'],
  [{ replica: 3 }, 'workload.replica', 'is not a known setting'],
  [{ cores: { tolerations: { key: 'x' } } }, 'workload.cores.tolerations', 'is not a list'],
  [{ replicants: { probes: [] } }, 'workload.replicants.probes', 'is not an object'],
  [{ replicants: { env: [{ name: 'EMQX_HOST', value: 'x' }] } }, 'workload.replicants.env[0].name', 'is set by the library'],
  [{ env: [{ name: 'A', value: 'x' }], cores: { env: [{ name: 'A', value: 'y' }] } }, 'workload.cores.env[1].name', 'is given twice'],
])('workload %j: %s %s', (workload, field, message) => {
  expect(specErrorOf(() => synth({ ...base, workload: workload as WorkloadSettings }))).toMatchObject({ field: field, message: expect.stringContaining(message) });
});

test('a patch to the ConfigMap (an escape hatch) changes the config hash of the pods, so they roll', () => {
  const hashes = (patch: boolean) => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c', { namespace: 'iot', disableResourceNameHashes: true });
    const cluster = new EmqxCluster(chart, 'Emqx', base);
    if (patch) cluster.config!.resource.addJsonPatch(JsonPatch.replace('/data/emqx-core.conf', `${cluster.config!.files.core}\nmqtt.max_topic_alias = 65535\n`));
    const objects = chart.toJson();
    return ['StatefulSet', 'Deployment'].map((k) => objects.find((o: any) => o.kind === k).spec.template.metadata.annotations['emqx-constructs.io/config-hash']);
  };
  const [core, replicant] = hashes(false);
  const [patchedCore, patchedReplicant] = hashes(true);
  expect(patchedCore).not.toBe(core);
  // the replicants read their own file, which the patch did not touch
  expect(patchedReplicant).toBe(replicant);
});

describe('the escape hatch (docs/WORKLOAD.md): patches reach the objects and go through the checks', () => {
  const literal = { name: 'EMQX_DASHBOARD__DEFAULT_PASSWORD', value: 'public' };

  test('native: cluster.cores.resource (= node.defaultChild) is the StatefulSet; a patch that breaks a check fails synthesis', () => {
    const app = Testing.app();
    const cluster = new EmqxCluster(new Chart(app, 'native', { namespace: 'iot', disableResourceNameHashes: true }), 'Emqx', base);
    expect(cluster.cores!.node.defaultChild).toBe(cluster.cores!.resource);
    cluster.cores!.resource.addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 30));
    expect((cluster.cores!.resource.toJson() as any).spec.minReadySeconds).toBe(30);
    cluster.cores!.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', literal));
    expect(() => app.synth()).toThrow(/EMQX-SecretLiteralInEnv: StatefulSet\/emqx-core container emqx: EMQX_DASHBOARD__DEFAULT_PASSWORD/);
  });

  test("operator: cluster.operatorResource.resource is the EMQX resource; the checks read the operator's templates", () => {
    const app = Testing.app();
    const cluster = new EmqxCluster(new Chart(app, 'op', { namespace: 'iot', disableResourceNameHashes: true }), 'Emqx', { ...base, backend: WorkloadBackend.emqxOperator(), acknowledgements: operatorAcks });
    expect(cluster.operatorResource!.node.defaultChild).toBe(cluster.operatorResource!.resource);
    cluster.operatorResource!.resource.addJsonPatch(JsonPatch.add('/spec/replicantTemplate/spec/env/-', literal));
    expect(() => app.synth()).toThrow(/EMQX-SecretLiteralInEnv: EMQX\/emqx replicantTemplate container emqx: EMQX_DASHBOARD__DEFAULT_PASSWORD/);
  });
});
