import { EXAMPLES } from '../../examples';
import { K8sObject, synthExample } from '../support/manifests';
import { Connection, Endpoint, inCidr, NetworkPolicyEvaluator, selectorMatches } from '../support/network-policy-evaluator';

/**
 * Reachability matrices of the examples, computed from the synthesized NetworkPolicies by the
 * evaluator, compared with what each example intends (written out below by hand). Every port of every
 * EMQX pod is tried from every endpoint of a small world, and EMQX pods' egress to everything; a
 * widened, narrowed or removed policy changes the set and fails the test.
 */

const tcp = (port: number): Connection => ({ port, protocol: 'TCP' });
const udp = (port: number): Connection => ({ port, protocol: 'UDP' });

/** Pods the examples talk about, outside EMQX. */
function otherPods(ns: string): Endpoint[] {
  return [
    { name: 'client', namespace: ns, labels: { app: 'client' }, ip: '10.244.9.1' },
    { name: 'data-platform', namespace: 'data-platform', labels: { app: 'ingest' }, ip: '10.244.9.2' },
    { name: 'other', namespace: 'other', labels: { app: 'x' }, ip: '10.244.9.3' },
    { name: 'prometheus', namespace: 'monitoring', labels: { app: 'prometheus' }, ip: '10.244.9.4' },
    { name: 'ops', namespace: 'ops', labels: { app: 'toolbox' }, ip: '10.244.9.5' },
    { name: 'haproxy', namespace: 'ingress', labels: { 'app.kubernetes.io/name': 'haproxy' }, ip: '10.244.9.6' },
    { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.9.7', namedPorts: { dns: 53, 'dns-tcp': 53 } },
    { name: 'iam-auth', namespace: 'iam', labels: { app: 'device-auth' }, ip: '10.244.9.8' },
    { name: 'influxdb', namespace: 'tsdb', labels: { app: 'influxdb' }, ip: '10.244.9.9' },
    { name: 'emqx-operator', namespace: 'emqx-operator-system', labels: { 'control-plane': 'controller-manager' }, ip: '10.244.9.10' },
  ];
}

/** Addresses outside the pod network. */
const EXTERNAL: Endpoint[] = [
  { name: 'internet', ip: '203.0.113.50' },
  { name: 'plant-lan', ip: '10.20.1.5' },
  { name: 'device-net', ip: '198.51.100.20' },
  { name: 'vpc-a', ip: '10.0.1.5' },
  { name: 'vpc-b', ip: '10.1.1.5' },
  { name: 'vpc-c', ip: '10.2.1.5' },
  { name: 'api-server', ip: '10.100.0.10' },
  { name: 'kafka-broker', ip: '10.40.1.10' },
];

/**
 * The EMQX pods the workloads would create, with their template labels and named container ports. For
 * an EMQX Operator resource, the pods the operator makes from its templates: its own labels
 * (`apps.emqx.io/instance`, `managed-by`, `db-role`, `pod-template-hash`), to which it adds the
 * template's labels without overriding its own (controllers/apps/v2beta1/add_emqx_core.go,
 * add_emqx_repl.go: CloneAndMergeMap(DefaultCoreLabels(instance), coreTemplate.labels)).
 */
function emqxPods(objects: K8sObject[]): Endpoint[] {
  const pods: Endpoint[] = [];
  let n = 0;
  const add = (name: string, namespace: string | undefined, labels: Record<string, string>, containerPorts: any[]) =>
    pods.push({ name, namespace, labels, ip: `10.244.1.${++n}`, namedPorts: Object.fromEntries(containerPorts.map((p: any) => [p.name, p.containerPort])) });
  for (const w of objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment')) {
    const t = w.spec.template;
    const ports = t.spec.containers.flatMap((c: any) => c.ports ?? []);
    for (let i = 0; i < w.spec.replicas; i++) add(w.kind === 'StatefulSet' ? `${w.metadata.name}-${i}` : `${w.metadata.name}-abc-${i}`, w.metadata.namespace, { ...t.metadata.labels }, ports);
  }
  for (const e of objects.filter((o) => o.kind === 'EMQX')) {
    for (const [tmpl, role] of [['coreTemplate', 'core'], ['replicantTemplate', 'replicant']] as const) {
      const t = e.spec[tmpl];
      if (!t) continue;
      const operatorLabels = { 'apps.emqx.io/instance': e.metadata.name, 'apps.emqx.io/managed-by': 'emqx-operator', 'apps.emqx.io/db-role': role, 'apps.emqx.io/pod-template-hash': '5d8f7' };
      for (let i = 0; i < t.spec.replicas; i++) add(`${e.metadata.name}-${role}-5d8f7-${i}`, e.metadata.namespace, { ...t.metadata.labels, ...operatorLabels }, t.spec.ports);
    }
  }
  return pods;
}

function groupBy<T>(items: T[], key: (t: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const i of items) (out[key(i)] ??= []).push(i);
  return out;
}

/** What each connection to an endpoint looks like. */
function connectionsTo(e: Endpoint, emqx: Set<Endpoint>): Connection[] {
  if (emqx.has(e)) return Object.values(e.namedPorts ?? {}).map(tcp);
  if (e.name === 'kube-dns') return [udp(53), tcp(53)];
  if (e.name === 'api-server') return [tcp(443)];
  // the ports of the services examples talk to (HTTP auth 8080, InfluxDB 8086, Kafka 9096) and HTTPS
  return [tcp(443), tcp(8080), tcp(8086), tcp(9096)];
}

const key = (s: Endpoint, d: Endpoint, c: Connection) => `${s.name} -> ${d.name}:${c.port}/${c.protocol}`;

function matrix(name: string, namespace?: string): { world: Endpoint[]; emqx: Endpoint[]; actual: string[] } {
  const all = synthExample(EXAMPLES[name]);
  const ns = namespace ?? all.find((o) => o.kind === 'StatefulSet' || o.kind === 'EMQX')!.metadata.namespace!;
  const objects = all.filter((o) => o.metadata.namespace === ns);
  const emqx = emqxPods(objects);
  const world = [...emqx, ...otherPods(ns), ...EXTERNAL];
  const emqxSet = new Set(emqx);
  const evaluator = new NetworkPolicyEvaluator(objects, (n) => ({ 'kubernetes.io/metadata.name': n }));
  const actual: string[] = [];
  for (const s of world) {
    for (const d of world) {
      if (s === d || (!emqxSet.has(s) && !emqxSet.has(d))) continue;
      for (const c of connectionsTo(d, emqxSet)) if (evaluator.allowed(s, d, c)) actual.push(key(s, d, c));
    }
  }
  return { world, emqx, actual: actual.sort() };
}

/** Builds the intended set. */
class Intent {
  private readonly allowed = new Set<string>();
  constructor(public readonly world: Endpoint[]) {}
  allow(from: Endpoint[], to: Endpoint[], connections: Connection[]): this {
    for (const s of from) for (const d of to) if (s !== d) for (const c of connections) this.allowed.add(key(s, d, c));
    return this;
  }
  get sorted(): string[] {
    return [...this.allowed].sort();
  }
}

function named(world: Endpoint[], ...names: string[]): Endpoint[] {
  return names.map((n) => {
    const e = world.find((x) => x.name === n);
    if (!e) throw new Error(`no endpoint ${n}`);
    return e;
  });
}

const role = (pods: Endpoint[], r: string) => pods.filter((p) => p.labels!['app.kubernetes.io/component'] === r);
const nonEmqx = (world: Endpoint[], emqx: Endpoint[]) => world.filter((e) => !emqx.includes(e));
const dns = [udp(53), tcp(53)];

/** What every example shares: distribution and gen_rpc between all its pods, DNS, dashboard from its peers. */
function common(world: Endpoint[], emqx: Endpoint[], distribution: number, dashboardFrom: string[]): Intent {
  return new Intent(world)
    .allow(emqx, emqx, [tcp(distribution), tcp(5369)])
    .allow(emqx, named(world, 'kube-dns'), dns)
    .allow(named(world, ...dashboardFrom), emqx, [tcp(18083)]);
}

describe('reachability of the examples, from the synthesized NetworkPolicies', () => {
  test('enterprise-cluster: replicants serve clients; public mqtts from anywhere, devices NLB from the plant networks, tcp from iot and data-platform', () => {
    const { world, emqx, actual } = matrix('enterprise-cluster');
    const replicants = role(emqx, 'replicant');
    expect(replicants).toHaveLength(3);
    const intent = common(world, emqx, 4370, ['prometheus'])
      .allow(emqx, named(world, 'iam-auth'), [tcp(8080)])
      .allow(named(world, 'client', 'data-platform'), replicants, [tcp(1883)])
      .allow(nonEmqx(world, emqx), replicants, [tcp(8883)])
      .allow(named(world, 'plant-lan', 'vpc-a'), replicants, [tcp(2883)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('operator-cluster: the same matrix as enterprise-cluster on the operator\'s pods, plus its controller on the REST API', () => {
    const { world, emqx, actual } = matrix('operator-cluster');
    const replicants = role(emqx, 'replicant');
    expect(replicants).toHaveLength(3);
    expect(emqx.every((p) => p.labels!['apps.emqx.io/managed-by'] === 'emqx-operator')).toBe(true);
    const intent = common(world, emqx, 4370, ['prometheus', 'emqx-operator'])
      .allow(emqx, named(world, 'iam-auth'), [tcp(8080)])
      .allow(named(world, 'client', 'data-platform'), replicants, [tcp(1883)])
      .allow(nonEmqx(world, emqx), replicants, [tcp(8883)])
      .allow(named(world, 'plant-lan', 'vpc-a'), replicants, [tcp(2883)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('open-source-cluster: cores serve clients from their own namespace', () => {
    const { world, emqx, actual } = matrix('open-source-cluster');
    const intent = common(world, emqx, 4370, ['prometheus']).allow(named(world, 'client'), emqx, [tcp(1883)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('legacy-5.1-k8s-discovery: the API server for discovery; tcp, ws and ssl on replicants from the namespace', () => {
    const { world, emqx, actual } = matrix('legacy-5.1-k8s-discovery');
    const intent = common(world, emqx, 4370, ['prometheus'])
      .allow(emqx, named(world, 'api-server'), [tcp(443)])
      .allow(named(world, 'client'), role(emqx, 'replicant'), [tcp(1883), tcp(8083), tcp(8883)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('enterprise-5.4-static-seeds: HAProxy only on 11883, TLS-at-NLB from anywhere, wss from the namespace, dashboard from monitoring and ops', () => {
    const { world, emqx, actual } = matrix('enterprise-5.4-static-seeds');
    const intent = common(world, emqx, 4370, ['prometheus', 'ops'])
      .allow(named(world, 'haproxy'), emqx, [tcp(11883)])
      .allow(nonEmqx(world, emqx), emqx, [tcp(8883)])
      .allow(named(world, 'client'), emqx, [tcp(8084)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('mtls-devices: device network and the VPC (health checks) on 8883, wss from the namespace', () => {
    const { world, emqx, actual } = matrix('mtls-devices');
    const intent = common(world, emqx, 4370, ['prometheus'])
      .allow(named(world, 'device-net', 'vpc-c'), emqx, [tcp(8883)])
      .allow(named(world, 'client'), emqx, [tcp(8084)]);
    expect(actual).toEqual(intent.sorted);
  });

  test('iiot-pipeline (each version): egress only to the auth service, the Kafka brokers and InfluxDB, on their ports, and to S3 on 443 where the release has it', () => {
    for (const version of ['5-1-1', '5-8-1', '6-0-1']) {
      const { world, emqx, actual } = matrix('iiot-pipeline', `pipeline-${version}`);
      const intent = common(world, emqx, 4370, [])
        .allow(emqx, named(world, 'iam-auth'), [tcp(8080)])
        .allow(emqx, named(world, 'kafka-broker'), [tcp(9096)])
        .allow(emqx, named(world, 'influxdb'), [tcp(8086)])
        .allow(named(world, 'plant-lan', 'vpc-a'), emqx, [tcp(8883)]);
      // the S3 upload (enterprise 5.7+) has no networkPeer: anywhere, on its port only
      if (version !== '5-1-1') intent.allow(emqx, nonEmqx(world, emqx).filter((e) => e.name !== 'kube-dns' /* probed on 53 only */), [tcp(443)]);
      expect([version, actual]).toEqual([version, intent.sorted]);
    }
  });

  test('nothing EMQX needs to cluster is blocked, in any example', () => {
    for (const name of Object.keys(EXAMPLES)) {
      for (const objects of Object.values(groupBy(synthExample(EXAMPLES[name]), (o) => o.metadata.namespace!))) {
      const emqx = emqxPods(objects);
      const ev = new NetworkPolicyEvaluator(objects, (n) => ({ 'kubernetes.io/metadata.name': n }));
      const dist = emqx[0].namedPorts!.ekka;
      for (const a of emqx) for (const b of emqx) {
        if (a === b) continue;
        expect([name, a.name, b.name, ev.allowed(a, b, tcp(dist)), ev.allowed(a, b, tcp(5369))]).toEqual([name, a.name, b.name, true, true]);
      }
      const kubeDns = otherPods('x').find((e) => e.name === 'kube-dns')!;
      for (const a of emqx) expect(ev.allowed(a, kubeDns, udp(53)) && ev.allowed(a, kubeDns, tcp(53))).toBe(true);
      }
    }
  });
});

describe('the evaluator itself', () => {
  const pol = (spec: any, ns = 'a') => ({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: ns }, spec });
  const pod = (name: string, ns: string, labels: Record<string, string>, ip: string): Endpoint => ({ name, namespace: ns, labels, ip });
  const web = pod('web', 'a', { app: 'web' }, '10.244.0.1');
  const cli = pod('cli', 'b', { app: 'cli' }, '10.244.0.2');
  const nsl = (n: string) => ({ 'kubernetes.io/metadata.name': n, team: n === 'b' ? 'x' : 'y' });

  test('unselected pods are open; selected pods only get what a rule allows', () => {
    expect(new NetworkPolicyEvaluator([], nsl).allowed(cli, web, tcp(80))).toBe(true);
    const deny = new NetworkPolicyEvaluator([pol({ podSelector: {}, policyTypes: ['Ingress'] })], nsl);
    expect(deny.allowed(cli, web, tcp(80))).toBe(false);
    expect(deny.allowed(web, web, tcp(80))).toBe(true);
  });

  test('namespaceSelector + podSelector in one peer is AND; in two peers is OR', () => {
    const and = new NetworkPolicyEvaluator([pol({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'other' } } }] }] })], nsl);
    expect(and.allowed(cli, web, tcp(80))).toBe(false);
    const or = new NetworkPolicyEvaluator([pol({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'x' } } }, { podSelector: { matchLabels: { app: 'other' } } }] }] })], nsl);
    expect(or.allowed(cli, web, tcp(80))).toBe(true);
  });

  test('a bare podSelector peer means the policy namespace only', () => {
    const ev = new NetworkPolicyEvaluator([pol({ podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })], nsl);
    expect(ev.allowed(cli, web, tcp(80))).toBe(false);
    expect(ev.allowed(pod('n', 'a', {}, '10.244.0.3'), web, tcp(80))).toBe(true);
  });

  test('ipBlock with except, ports with protocol, endPort and named ports, egress isolation', () => {
    const ev = new NetworkPolicyEvaluator([pol({ podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16'] } }], ports: [{ port: 8000, endPort: 8100 }, { port: 'http', protocol: 'TCP' }] }] })], nsl);
    const webNamed = { ...web, namedPorts: { http: 80 } };
    expect(ev.allowed({ name: 'x', ip: '10.1.2.3' }, webNamed, tcp(8050))).toBe(true);
    expect(ev.allowed({ name: 'x', ip: '10.1.2.3' }, webNamed, tcp(80))).toBe(true);
    expect(ev.allowed({ name: 'x', ip: '10.1.2.3' }, webNamed, udp(8050))).toBe(false);
    expect(ev.allowed(cli, webNamed, tcp(8050))).toBe(false);
    const egress = new NetworkPolicyEvaluator([pol({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 53, protocol: 'UDP' }] }] }, 'b')], nsl);
    expect(egress.allowed(cli, { name: 'dns', ip: '1.1.1.1' }, udp(53))).toBe(true);
    expect(egress.allowed(cli, { name: 'dns', ip: '1.1.1.1' }, tcp(53))).toBe(false);
  });

  test('CIDR and selector helpers', () => {
    expect(inCidr('10.20.1.5', '10.20.0.0/16')).toBe(true);
    expect(inCidr('10.21.1.5', '10.20.0.0/16')).toBe(false);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('1.2.3.4', '::/0')).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }, { key: 'b', operator: 'DoesNotExist' }] }, { a: '1' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' })).toBe(false);
  });
});
