// The classic IIoT pipeline, rendered for EMQX Enterprise 5.1, 5.8 and 6.0 from one declaration:
// machines publish vibration readings on plant/<plant>/machines/<machine>/vibration; one rule sends the
// raw events to Kafka (keyed on the device, all in-sync replicas), another writes a downsampled point
// (the RMS only) to InfluxDB v2, and where the release has it (enterprise 5.7+) a third rule keeps a cold copy as
// files in S3 (seed 000's fan-out: hot, warm and cold). Devices authenticate against an HTTP service (with the 5.9+ node cache
// on 6.0), authorization denies what the ACL does not allow. Credentials come from Secrets through
// EMQX_* variables; emqx.conf never holds them. The same spec gives each version its own layout:
// bridges.kafka / bridges.influxdb_api_v2 on 5.1, connectors + actions on 5.8 and 6.0.
import { App, Chart } from 'cdk8s';
import {
  Action, Authenticator, AuthorizationSource, EmqxCluster, EmqxClusterSpec, EmqxEdition, EmqxVersion, Exposure, ListenerType, Peer, Size, Tls, writeReports,
} from 'emqx-constructs';

/** The pipeline for one EMQX release. */
export function pipelineSpec(version: string): EmqxClusterSpec {
  const v = EmqxVersion.of(version);
  return {
    name: 'pipeline',
    version: v,
    edition: EmqxEdition.ENTERPRISE,
    cores: 3,
    license: { secretName: 'emqx-license', key: 'license.key' },
    listeners: [
      {
        type: ListenerType.SSL,
        exposure: Exposure.awsNlb({ scheme: 'internal', sourceRanges: ['10.20.0.0/16'], hostname: 'mqtt.plants.example.com' }),
        tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }),
      },
    ],
    authentication: [
      Authenticator.http({
        url: 'http://device-auth.iam.svc:8080/mqtt/auth',
        body: { username: '${username}', password: '${password}', clientid: '${clientid}' },
        networkPeer: Peer.namespace('iam'),
      }),
    ],
    ...(v.atLeast(5, 9) ? { authenticationCache: { ttl: '5m' } } : {}),
    authorization: {
      noMatch: 'deny',
      sources: [
        AuthorizationSource.file([
          // a machine publishes only under its own plant, named by its user name
          { permission: 'allow', who: 'all', action: 'publish', topics: ['plant/${username}/machines/+/vibration'] },
          { permission: 'allow', who: 'all', action: 'subscribe', topics: ['plant/${username}/cmd/#'] },
          { permission: 'deny', who: 'all', action: 'subscribe', topics: ['$SYS/#', { eq: '#' }] },
        ]),
      ],
    },
    integrations: {
      kafka: [{
        name: 'vibration_raw',
        bootstrapHosts: ['b-1.msk.example.internal:9096', 'b-2.msk.example.internal:9096', 'b-3.msk.example.internal:9096'],
        topic: 'plant.vibration.raw',
        sasl: { mechanism: 'scram_sha_512', username: 'emqx', password: { secretName: 'kafka-credentials', key: 'password' } },
        tls: { ca: { secretName: 'kafka-ca', key: 'ca.crt' } },
        requiredAcks: 'all_isr',
        compression: 'snappy',
        partitionStrategy: 'key_dispatch',
        messageKey: '${.clientid}',
        buffer: { mode: 'hybrid', perPartitionLimit: Size.mebibytes(64) },
        expectedPartitions: 12,
        networkPeer: Peer.cidr('10.40.0.0/16'),
      }],
      influxdb: [{
        name: 'vibration_rms',
        server: 'influxdb.tsdb.svc:8086',
        v2: { org: 'factory', bucket: 'vibration', token: { secretName: 'influxdb-token', key: 'token' } },
        writeSyntax: 'vibration,plant=${plant},machine=${machine} rms=${rms} ${timestamp}',
        precision: 'ms',
        networkPeer: Peer.namespace('tsdb'),
      }],
      // the cold copy: CSV files of the raw readings, one per node every 30 minutes
      s3: v.hasS3AggregatedUpload(EmqxEdition.ENTERPRISE) ? [{
        name: 'vibration_archive',
        host: 's3.eu-central-1.amazonaws.com',
        bucket: 'plant-vibration-archive',
        accessKeyId: { secretName: 's3-credentials', key: 'access-key-id' },
        secretAccessKey: { secretName: 's3-credentials', key: 'secret-access-key' },
        key: 'vibration/${datetime.rfc3339utc}/${node}_${sequence}.csv',
        columnOrder: ['clientid', 'topic', 'timestamp'],
      }] : [],
      rules: [
        ...(v.hasS3AggregatedUpload(EmqxEdition.ENTERPRISE) ? [{
          id: 'vibration_to_s3',
          sql: 'SELECT clientid, topic, timestamp, payload FROM "plant/+/machines/+/vibration"',
          actions: [Action.s3('vibration_archive')],
          description: 'cold copy: CSV files of the raw readings in S3',
        }] : []),
        {
          id: 'vibration_to_kafka',
          sql: 'SELECT * FROM "plant/+/machines/+/vibration"',
          actions: [Action.kafka('vibration_raw')],
          description: 'raw vibration events to Kafka, keyed on the device',
        },
        {
          id: 'vibration_to_influx',
          sql: 'SELECT nth(2, split(topic, \'/\')) AS plant, nth(4, split(topic, \'/\')) AS machine, payload.rms AS rms, timestamp FROM "plant/+/machines/+/vibration"',
          actions: [Action.influxdb('vibration_rms')],
          description: 'downsampled: only the RMS per reading, to InfluxDB',
        },
      ],
    },
    mqtt: { maxPacketSize: Size.kibibytes(256), sharedSubscriptionStrategy: 'hash_clientid', orderedSharedSubscriptions: true },
    networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
  };
}

/** The releases the pipeline is rendered for. */
export const PIPELINE_VERSIONS = ['5.1.1', '5.8.1', '6.0.1'];

export function build(app: App): Chart {
  let first: Chart | undefined;
  for (const version of PIPELINE_VERSIONS) {
    const ns = `pipeline-${version.replace(/\./g, '-')}`;
    const chart = new Chart(app, `iiot-pipeline-${version.split('.').slice(0, 2).join('-')}`, { namespace: ns, disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', pipelineSpec(version));
    first ??= chart;
  }
  return first!;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
