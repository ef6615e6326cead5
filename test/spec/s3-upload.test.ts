// The S3 action (aggregated uploads), added as one file (lib/integrations/s3-upload.ts) plus one registration.
// The expected shapes are hand-checked against EMQX's source (emqx_bridge_s3_upload.erl, emqx_s3_schema.erl at
// v5.8.9 and 6.2.2; the cited lines are in s3-upload.ts), not derived from the library.
import { Chart, Testing } from 'cdk8s';
import { EmqxCluster } from '../../lib/cdk8s/emqx-cluster';
import { renderEmqxConfig } from '../../lib/hocon/emqx-config';
import { Action } from '../../lib/integrations/rule-spec';
import { S3UploadSpec } from '../../lib/integrations/s3-upload';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Peer } from '../../lib/network/network-peer';
import { Size } from '../../lib/validation/size';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { EmqxVersion } from '../../lib/versions/emqx-version';
import { nodeEnvironment } from '../../lib/workload/node-environment';
import { parseHocon } from '../support/hocon';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';
import { specErrorOf } from '../support/spec-errors';

const license = { secretName: 'emqx-license', key: 'license.key' };
const archive: S3UploadSpec = {
  name: 'archive',
  host: 's3.eu-central-1.amazonaws.com',
  bucket: 'plant-telemetry-archive',
  accessKeyId: { secretName: 's3-credentials', key: 'access-key-id' },
  secretAccessKey: { secretName: 's3-credentials', key: 'secret-access-key' },
};
const rules = [{ id: 'cold_copy', sql: 'SELECT clientid, topic, payload, timestamp FROM "plant/#"', actions: [Action.s3('archive')] }];
const spec = (version: string, s3: S3UploadSpec[] = [archive], extra: Partial<EmqxClusterSpec> = {}): EmqxClusterSpec => ({
  name: 'p', namespace: 'iot', version, edition: EmqxEdition.ENTERPRISE, cores: 3, license, networkPolicies: TEST_NETWORK_POLICIES,
  integrations: { s3, rules }, ...extra,
});

async function conf(s: EmqxClusterSpec): Promise<any> {
  return parseHocon(renderEmqxConfig(resolveClusterSpec(s), 'core'));
}

describe('S3 aggregated uploads', () => {
  test('5.8: connector s3 over verified TLS, action s3 in aggregated mode with explicit aggregation, rule action s3:<name>', async () => {
    const c = await conf(spec('5.8.9'));
    expect(c.connectors.s3.archive).toEqual({
      enable: true,
      host: 's3.eu-central-1.amazonaws.com',
      port: 443,
      transport_options: { ssl: { enable: true, verify: 'verify_peer', cacertfile: '/etc/ssl/certs/ca-certificates.crt', server_name_indication: 's3.eu-central-1.amazonaws.com' } },
    });
    expect(c.actions.s3.archive).toMatchObject({
      enable: true,
      connector: 'archive',
      parameters: {
        mode: 'aggregated',
        bucket: 'plant-telemetry-archive',
        key: '${action}/${node}/${datetime.rfc3339utc}_N${sequence}.csv',
        container: { type: 'csv' },
        aggregation: { time_interval: '30m', max_records: 100000 },
      },
    });
    // a memory bound like every other buffer: a share of the node's memory (2Gi limit / 4 / 16 workers)
    expect(c.actions.s3.archive.resource_opts.max_buffer_bytes).toBe('32MB');
    expect(c.rule_engine.rules.cold_copy.actions).toEqual(['s3:archive']);
  });

  test('the key pair comes from Secrets through EMQX_* variables, never in emqx.conf', () => {
    const c = resolveClusterSpec(spec('6.3.1'));
    const env = nodeEnvironment(c, 'core');
    expect(env).toContainEqual({ name: 'EMQX_CONNECTORS__S3__ARCHIVE__ACCESS_KEY_ID', secretKeyRef: { secretName: 's3-credentials', key: 'access-key-id' } });
    expect(env).toContainEqual({ name: 'EMQX_CONNECTORS__S3__ARCHIVE__SECRET_ACCESS_KEY', secretKeyRef: { secretName: 's3-credentials', key: 'secret-access-key' } });
    expect(renderEmqxConfig(c, 'core')).not.toMatch(/access_key/);
  });

  test('6.x: JSON Lines, a private MinIO over plain HTTP, column order only for CSV; the data_integration feature is on', async () => {
    const minio: S3UploadSpec = { ...archive, host: 'minio.storage.svc', port: 9000, tls: false, accessMethod: 'path', format: 'json_lines', timeInterval: '10m', maxRecords: 5000, key: 'telemetry/${datetime.unix}/${node}' };
    const c = await conf(spec('6.3.1', [minio]));
    expect(c.connectors.s3.archive).toEqual({ enable: true, host: 'minio.storage.svc', port: 9000, access_method: 'path' });
    expect((await conf(spec('5.8.9'))).connectors.s3.archive.access_method).toBeUndefined();
    expect(c.actions.s3.archive.parameters).toMatchObject({ container: { type: 'json_lines' }, aggregation: { time_interval: '10m', max_records: 5000 }, key: 'telemetry/${datetime.unix}/${node}' });
    expect(c.actions.s3.archive.parameters.container.column_order).toBeUndefined();
    expect(resolveClusterSpec(spec('6.3.1', [minio])).runtime.features).toContain('data_integration');
    const csv = await conf(spec('6.3.1', [{ ...archive, columnOrder: ['clientid', 'timestamp'] }]));
    expect(csv.actions.s3.archive.parameters.container).toEqual({ type: 'csv', column_order: ['clientid', 'timestamp'] });
  });

  test('a private CA is mounted from its Secret and named; egress is opened to the endpoint port only', () => {
    const withCa = { ...archive, host: 'minio.storage.svc', port: 9000, tls: { ca: { secretName: 'minio-ca', key: 'ca.crt' } }, networkPeer: Peer.namespace('storage') };
    const c = resolveClusterSpec(spec('6.3.1', [withCa]));
    expect(c.configFiles).toContainEqual({ volumeName: 's3-archive', mountPath: '/opt/emqx/etc/certs/s3-archive', fileName: 'ca.crt', ref: { secretName: 'minio-ca', key: 'ca.crt' } });
    expect(c.egressEndpoints).toContainEqual({ description: 'S3 archive', peer: withCa.networkPeer, ports: [9000] });
    const chart = new Chart(Testing.app(), 'c');
    new EmqxCluster(chart, 'e', spec('6.3.1', [withCa]));
    const egress = Testing.synth(chart).filter((o) => o.kind === 'NetworkPolicy').flatMap((o) => o.spec.egress ?? []);
    expect(egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storage' } } }], ports: [{ port: 9000, protocol: 'TCP' }] });
  });

  test('the user\'s buffer bound is kept', async () => {
    const c = await conf(spec('5.8.9', [{ ...archive, maxBufferBytes: Size.mebibytes(8) }]));
    expect(c.actions.s3.archive.resource_opts.max_buffer_bytes).toBe('8MB');
  });
});

describe('S3 upload errors name the field', () => {
  const cases: [string, EmqxClusterSpec, string, RegExp][] = [
    ['open source 5.8 has no S3 action', spec('5.8.9', [archive], { edition: EmqxEdition.OPEN_SOURCE, license: undefined }), 'integrations.s3[0]', /open source 5.8.9 has no S3 aggregated upload/],
    ['enterprise 5.6 has direct uploads only', spec('5.6.1'), 'integrations.s3[0]', /Enterprise 5.6.1 has no S3 aggregated upload/],
    ['JSON Lines before 5.9', spec('5.8.9', [{ ...archive, format: 'json_lines' }]), 'integrations.s3[0].format', /needs EMQX 5.9/],
    ['a message field in the key', spec('6.3.1', [{ ...archive, key: '${clientid}/${datetime.rfc3339utc}' }]), 'integrations.s3[0].key', /\$\{clientid\}.*Template placeholders are disallowed/],
    ['a date format 6.1 refuses', spec('6.3.1', [{ ...archive, key: '${datetime.YYYY}/${node}' }]), 'integrations.s3[0].key', /\$\{datetime.YYYY\}/],
    ['a scheme in the host', spec('6.3.1', [{ ...archive, host: 'https://s3.amazonaws.com' }]), 'integrations.s3[0].host', /no scheme/],
    ['an invalid bucket', spec('6.3.1', [{ ...archive, bucket: 'Plant_Archive' }]), 'integrations.s3[0].bucket', /bucket name/],
    ['a literal secret', spec('6.3.1', [{ ...archive, secretAccessKey: 'wJalrXUtnFEMI' as never }]), 'integrations.s3[0].secretAccessKey', /Secret/],
    ['column order with JSON Lines', spec('6.3.1', [{ ...archive, format: 'json_lines', columnOrder: ['a'] }]), 'integrations.s3[0].columnOrder', /JSON Lines has none/],
    ['an interval in ms', spec('6.3.1', [{ ...archive, timeInterval: '500ms' }]), 'integrations.s3[0].timeInterval', /duration/],
    ['no records', spec('6.3.1', [{ ...archive, maxRecords: 0 }]), 'integrations.s3[0].maxRecords', /./],
    ['vhost before 5.8.3', spec('5.8.2', [{ ...archive, accessMethod: 'vhost' }]), 'integrations.s3[0].accessMethod', /from 5.8.3/],
    ['an unknown ACL', spec('6.3.1', [{ ...archive, acl: 'public' as never }]), 'integrations.s3[0].acl', /canned ACL/],
    ['a misspelled key from an inventory file', spec('6.3.1', [{ ...archive, bukket: 'x' } as never]), 'integrations.s3[0].bukket', /did you mean 'bucket'/],
    ['a rule naming no upload', spec('6.3.1', [archive], { integrations: { s3: [archive], rules: [{ ...rules[0], actions: [Action.s3('nope')] }] } }), 'integrations.rules[0].actions[0]', /names no S3 upload in integrations.s3/],
    ['a name shared with a Kafka producer', spec('6.3.1', [archive], { integrations: { s3: [archive], kafka: [{ name: 'archive', bootstrapHosts: ['k:9092'], topic: 't' }] } }), 'integrations.s3[0].name', /used by two integrations/],
    ['a list given as one object', spec('6.3.1', [archive], { integrations: { s3: archive as never } }), 'integrations.s3', /is not a list/],
    ['an unknown kind of integration', spec('6.3.1', [archive], { integrations: { s4: [] } as never }), 'integrations.s4', /did you mean 's3'/],
    ['an unknown action kind', spec('6.3.1', [archive], { integrations: { s3: [archive], rules: [{ ...rules[0], actions: [{ kind: 'mongodb', name: 'x' } as never] }] } }), 'integrations.rules[0].actions[0].kind', /use one of: kafka, influxdb, s3, republish, console/],
  ];
  test.each(cases)('%s', (_, s, field, message) => {
    const e = specErrorOf(() => resolveClusterSpec(s));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  test('a near miss passes: every option at a valid value on 6.3', () => {
    expect(() => resolveClusterSpec(spec('6.3.1', [{
      ...archive, port: 443, key: 'plants/${datetime_until.rfc3339}/${node}_${sequence}.csv', format: 'csv', columnOrder: ['clientid'], timeInterval: '1h', maxRecords: 1,
      accessMethod: 'vhost', acl: 'bucket_owner_full_control', tls: { verify: true, serverName: 's3.amazonaws.com' }, networkPeer: Peer.cidr('52.219.0.0/16'), maxBufferBytes: Size.mebibytes(1),
    }]))).not.toThrow();
  });

  test('the version model says where the aggregated upload and JSON Lines exist', () => {
    const ee = EmqxEdition.ENTERPRISE;
    const ce = EmqxEdition.OPEN_SOURCE;
    // hand-checked: e5.6.0 has apps/emqx_bridge_s3 without `aggregated`; v5.7.0 has it (enterprise only); one edition from 5.9
    expect([['5.6.1', ee], ['5.7.0', ee], ['5.7.0', ce], ['5.8.9', ce], ['5.9.0', ce], ['6.3.1', ee]].map(([v, e]) => EmqxVersion.of(v as string).hasS3AggregatedUpload(e as EmqxEdition)))
      .toEqual([false, true, false, false, true, true]);
    expect(['5.8.12', '5.9.0', '6.0.1'].map((v) => EmqxVersion.of(v).hasS3JsonLinesContainer)).toEqual([false, true, true]);
    expect(['5.8.2', '5.8.3', '6.0.0'].map((v) => EmqxVersion.of(v).hasS3AccessMethod)).toEqual([false, true, true]);
  });
});
