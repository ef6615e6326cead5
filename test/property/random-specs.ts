// The bounded property run of CI (.ci/run): random cluster specs over the public API, valid and invalid values mixed
// as a YAML inventory could hold them. Each one must either be refused cleanly (an EmqxSpecError naming a field, or a
// named check failing synthesis) or synthesize, into the output folder, objects that both shared validators accept
// (CI runs them on the folder next). Any other exception is a defect: it is printed with its case, and the run fails.
//   tsx test/property/random-specs.ts <outdir> [cases] [seed]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Action, Authenticator, EmqxCluster, EmqxClusterSpec, EmqxEdition, EmqxSpecError, EmqxVersion, Exposure, ListenerType, Peer, Tls, manifestYaml,
} from 'emqx-constructs';

const [outdir, casesArg, seedArg] = process.argv.slice(2);
if (!outdir) throw new Error('usage: random-specs.ts <outdir> [cases] [seed]');
const cases = Number(casesArg ?? 300);
const seed = Number(seedArg ?? 20261201);
process.env.EMQX_CONSTRUCTS_REPORT = 'off';

/** A value that is sometimes wild (what a hand-edited inventory holds). */
const wild = <T>(good: fc.Arbitrary<T>, ...bad: unknown[]) => fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

const name = wild(fc.constantFrom('emqx', 'plant-a', 'broker-east'), 'Bad_Name', '', 42, null, 'x'.repeat(60));
const version = wild(fc.constantFrom('5.1.6', '5.4.1', '5.8.9', '5.10.5', '6.0.1', '6.2.3', '6.3.1'), '5.8.99', '7.0.0', 'latest', 5.8);
// replicants exist in open source up to 5.7 and in every enterprise release (5.9+ here); 0 elsewhere
const edition = wild(fc.constant<unknown>(undefined), 'enterprise', 'open-source', 'community');
const count = wild(fc.integer({ min: 1, max: 5 }), -1, 2.5, 1e9, '3', 0);
const listenerType = wild(fc.constantFrom(ListenerType.TCP, ListenerType.SSL, ListenerType.WS, ListenerType.WSS), 'quic', undefined);
const exposure = fc.record({
  nlb: fc.boolean(),
  name: wild(fc.constantFrom('public', 'plant', 'devices'), 'headless', 'Bad Name'),
  scheme: wild(fc.constantFrom('internal', 'internet-facing'), 'external'),
  sourceRanges: wild(fc.constantFrom(['10.0.0.0/8'], ['198.51.100.0/24', '203.0.113.0/24']), ['999.1.1.1/40'], 'everyone'),
  idle: wild(fc.constantFrom(undefined, 120, 350), 10),
  annotations: wild(fc.constantFrom(undefined, { 'service.beta.kubernetes.io/aws-load-balancer-subnets': 'subnet-a' }), { 'bad key!': 'x' }),
});
const tls = wild(fc.constantFrom<unknown>(undefined, 'cert-manager', 'self-signed', 'at-nlb'), 'bogus');
const listener = fc.record({ type: listenerType, exposure, tls, port: wild(fc.constantFrom<unknown>(undefined, 'own'), 0, 70000, 1883), maxConnections: wild(fc.constantFrom(undefined, 1000, 500_000), -5) });
const labels = wild(fc.dictionary(fc.constantFrom('team', 'acme.example/owner', 'tier'), fc.constantFrom('platform', 'iot', 'a1')), { 'not valid!': 'x' }, { team: 'not valid!' }, 'labels');
const mqtt = wild(fc.record({
  maxTopicAlias: wild(fc.constantFrom(undefined, 0, 65535), 70000),
  maxInflight: wild(fc.constantFrom(undefined, 32, 128), 0),
  sessionExpiryInterval: wild(fc.constantFrom(undefined, '2h', '30m'), 'forever'),
  sharedSubscriptionStrategy: wild(fc.constantFrom(undefined, 'sticky', 'round_robin'), 'fastest'),
}, { requiredKeys: [] }), { maxTopicAliases: 3 }, 'mqtt');
const workload = wild(fc.record({
  nodeSelector: wild(fc.constantFrom(undefined, { 'node-role/broker': 'true' }), { 'bad key': 'x' }),
  tolerations: wild(fc.constantFrom(undefined, [{ key: 'dedicated', value: 'emqx', effect: 'NoSchedule' }]), [{ value: 'x' }], { key: 'x' }),
  podLabels: wild(fc.constantFrom(undefined, { 'acme.example/pool': 'broker' }), { 'app.kubernetes.io/name': 'x' }),
  env: wild(fc.constantFrom(undefined, [{ name: 'TZ', value: 'UTC' }], [{ name: 'EMQX_MQTT__MAX_TOPIC_LEVELS', value: '64' }]), [{ name: 'EMQX_NODE__COOKIE', value: 'x' }], [{ name: 'EMQX_LOG__CONSOLE__LEVEL', value: 'debug' }], [null]),
  sidecars: wild(fc.constantFrom(undefined, [{ name: 'shipper', image: 'fluent/fluent-bit:3.1.9' }]), [{ name: 'x', image: 'a/b' }], [{ name: 'x', image: 'a/b:1', securityContext: { privileged: true } }]),
  maxUnavailable: wild(fc.constantFrom(undefined, 1, '50%'), 0, '200%'),
  cores: fc.constantFrom(undefined, { priorityClassName: 'broker-critical' }, { podManagementPolicy: 'OrderedReady' }),
}, { requiredKeys: [] }), 'workload', { replica: 3 });
const extraConfig = wild(fc.constantFrom<unknown>(undefined, { all: 'mqtt.max_qos_allowed = 1' }, { core: { 'sys_topics.sys_msg_interval': '2m' } }), { all: 'mqtt {\n max_inflight 3\n}' }, { all: 'log.console.level = debug' }, { all: '${HOME}' });
const networkPolicies = wild(fc.constant<unknown>({ vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('monitoring')] }), undefined, {}, { vpcCidrs: ['10.0.0.0/33'] }, { vpcCidrs: '10.0.0.0/16' });
const monitoring = wild(fc.constantFrom<unknown>(undefined, undefined, {}, { scrape: 'PodMonitor' }, { extraAlertRules: [{ alert: 'Mine', expr: 'up == 0', summary: 'down' }] }), { extraAlertRules: [{ alert: 'Mine', expr: 'up ==', summary: 'x' }] });
const s3 = fc.record({
  name: wild(fc.constantFrom('archive', 'cold_copy'), 'Archive!', null, 'a__b'),
  host: wild(fc.constantFrom('s3.eu-central-1.amazonaws.com', 'minio.storage.svc'), 'https://s3.amazonaws.com', 7),
  port: wild(fc.constantFrom(undefined, 443, 9000), 0, '443'),
  bucket: wild(fc.constantFrom('plant-archive', 'telemetry.cold'), 'Plant_Archive', ['x']),
  accessKeyId: fc.constant({ secretName: 's3-credentials', key: 'access-key-id' }),
  secretAccessKey: wild(fc.constant<unknown>({ secretName: 's3-credentials', key: 'secret-access-key' }), 'wJalrXUtnFEMI'),
  format: wild(fc.constantFrom(undefined, 'csv', 'json_lines'), 'parquet'),
  key: wild(fc.constantFrom(undefined, 'plants/${node}/${datetime.rfc3339utc}_${sequence}.csv'), '${clientid}/x', ''),
  timeInterval: wild(fc.constantFrom(undefined, '10m', '1h'), 10, '5x'),
  maxRecords: wild(fc.constantFrom(undefined, 1000), -1, 1e12),
  tls: wild(fc.constantFrom<unknown>(undefined, true, false, { ca: { secretName: 'minio-ca', key: 'ca.crt' } }), 'yes', { ca: 'os' }),
}, { requiredKeys: ['name', 'host', 'bucket', 'accessKeyId', 'secretAccessKey'] });
const integrations = wild(
  fc.oneof({ weight: 3, arbitrary: fc.constant<unknown>(undefined) }, { weight: 1, arbitrary: fc.record({ s3: fc.array(s3, { minLength: 1, maxLength: 2 }) }) }),
  'integrations', { s3: {} }, { s3: [null] }, { s3: [], kafka: 'x' }, { s4: [] },
);

const raw = fc.record({ integrations, name, version, edition, cores: count, replicants: count, listeners: fc.array(listener, { maxLength: 3 }), labels, mqtt, workload, extraConfig, networkPolicies, monitoring, auth: fc.boolean(), license: wild(fc.constant(true), false) });

/** The integrations, with a rule that sends to the first S3 upload (when the lists are what they should be). */
function integrationsWithRule(i: unknown): unknown {
  const list = (i as { s3?: unknown } | undefined)?.s3;
  if (!Array.isArray(list) || !list.length || typeof list[0]?.name !== 'string') return i;
  return { ...(i as object), rules: [{ id: 'cold_copy', sql: 'SELECT clientid, payload FROM "plant/#"', actions: [Action.s3(list[0].name)] }] };
}

/** The spec, with factories called here: they refuse bad input with EmqxSpecError, as the spec does. */
function spec(r: typeof raw extends fc.Arbitrary<infer T> ? T : never): EmqxClusterSpec {
  const ed = r.edition === 'enterprise' ? EmqxEdition.ENTERPRISE : r.edition === 'open-source' ? EmqxEdition.OPEN_SOURCE : r.edition;
  const listeners = r.listeners.map((l, j) => {
    const e = l.exposure;
    // TLS where the type has it (a wrong combination only as the wild 'bogus' value)
    const secure = l.type === ListenerType.SSL || l.type === ListenerType.WSS;
    const tlsSource = l.tls === 'bogus' ? 'bogus'
      : !secure ? undefined
        : l.tls === 'at-nlb' && e.nlb ? Tls.atNlb({ certificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/abc'] })
          : l.tls === 'self-signed' ? Tls.selfSignedCa()
            : Tls.certManager({ clusterIssuer: 'acme' });
    return {
      name: `l${j}`,
      type: l.type,
      // a port of its own (or the type's default, which two listeners of one type share: refused)
      port: l.port === 'own' ? 21000 + j : l.port,
      maxConnections: l.maxConnections,
      tls: tlsSource,
      exposure: e.nlb ? Exposure.awsNlb({ name: e.name as string, scheme: e.scheme as 'internal', sourceRanges: e.sourceRanges as string[], idleTimeoutSeconds: e.idle as number, annotations: e.annotations as Record<string, string> }) : Exposure.clusterIp(),
      allowFrom: e.nlb ? undefined : [Peer.sameNamespace()],
    };
  });
  return {
    name: r.name,
    version: typeof r.version === 'string' && /^\d+\.\d+\.\d+$/.test(r.version) ? EmqxVersion.of(r.version) : r.version,
    edition: ed,
    cores: r.cores,
    replicants: typeof r.version === 'string' && /^5\.(4|8)\./.test(r.version) && typeof r.replicants === 'number' && r.replicants > 0 ? 0 : r.replicants,
    // a license where the release needs one (enterprise lines); missing or misplaced only as a wild value
    license: r.license === (typeof r.version === 'string' && /^(5\.(9|1\d)|6)\./.test(r.version)) ? { secretName: 'emqx-license', key: 'license.key' } : undefined,
    listeners,
    labels: r.labels,
    mqtt: r.mqtt,
    workload: r.workload,
    extraConfig: r.extraConfig,
    networkPolicies: r.networkPolicies,
    monitoring: r.monitoring,
    authentication: r.auth ? [Authenticator.builtInDatabase()] : undefined,
    // a rule to the first upload, when there is one to name
    integrations: integrationsWithRule(r.integrations),
    dashboardPort: undefined,
    acknowledgements: [{ id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'random specs: not a deployment' }],
  } as unknown as EmqxClusterSpec;
}

fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });
const samples = fc.sample(raw, { numRuns: cases, seed });
const outcome = { written: 0, refusedBySpec: 0, refusedByCheck: 0 };
const defects: string[] = [];
const refusedFields = new Map<string, number>();
samples.forEach((r, i) => {
  try {
    const app = new App({ outdir });
    // a namespace per case: the validators read the folder as one set of objects
    const chart = new Chart(app, `case-${i}`, { namespace: `case-${i}`, disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', spec(r));
    const objects = chart.toJson();
    // the validations (checks, duplicate objects) as synthesis runs them
    const errors = app.node.findAll().flatMap((c) => c.node.validate());
    if (errors.length) {
      if (errors.every((e) => /^EMQX-[A-Za-z]+: /.test(e))) {
        outcome.refusedByCheck++;
        return;
      }
      throw new Error(`validation: ${errors.join('; ')}`);
    }
    fs.writeFileSync(path.join(outdir, `case-${i}.k8s.yaml`), manifestYaml(objects));
    outcome.written++;
  } catch (e) {
    const lines = e instanceof Error && e.message.startsWith('Validation failed with the following errors:') ? e.message.split('\n').slice(1).filter((l) => l.trim()) : [];
    if (lines.length && lines.every((l) => /^\s*\[[^\]]+\] EMQX-[A-Za-z]+: /.test(l))) {
      outcome.refusedByCheck++;
      return;
    }
    if (e instanceof EmqxSpecError && e.field && e.message.startsWith(e.name === 'EmqxSpecErrors' ? '' : e.field)) {
      outcome.refusedBySpec++;
      const top = e.field.split(/[.[]/)[0];
      refusedFields.set(top, (refusedFields.get(top) ?? 0) + 1);
      if (process.env.RANDOM_SPECS_VERBOSE) console.log(`case ${i}: ${e.message.slice(0, 200)}`);
      return;
    }
    defects.push(`case ${i}: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e)}\n  input: ${JSON.stringify(r)}`);
  }
});
console.log(`random specs (seed ${seed}): ${samples.length} cases; ${outcome.written} synthesized into ${outdir}, ${outcome.refusedBySpec} refused by the spec (EmqxSpecError naming the field), ${outcome.refusedByCheck} refused by a named check; ${defects.length} defects`);
console.log(`refused fields: ${[...refusedFields].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ')}`);
if (defects.length) {
  console.error(defects.slice(0, 20).join('\n\n'));
  process.exit(1);
}
