// A user's cdk8s app, as `cdk8s init typescript-app` lays it out: a hub and two plants from the installed package.
import { App } from 'cdk8s';
import { Action, EmqxCluster, EmqxVersion, Federation, FederationSpec, ListenerType, Peer, Route, S3UploadSpec, writeReports } from 'emqx-constructs';
import { hub, license } from './hub';

// plant-b keeps a cold copy of its telemetry in S3 (the integrations registry's S3 action)
const archive: S3UploadSpec = {
  name: 'archive',
  host: 's3.eu-central-1.amazonaws.com',
  bucket: 'acme-plant-b-archive',
  accessKeyId: { secretName: 's3-credentials', key: 'access-key-id' },
  secretAccessKey: { secretName: 's3-credentials', key: 'secret-access-key' },
};

export const federation: FederationSpec = {
  name: 'acme',
  hub,
  plants: [
    { name: 'plant-a', version: EmqxVersion.V5_8_9, cores: 3 },
    {
      name: 'plant-b', version: EmqxVersion.of('6.0.1'), cores: 3, license, listeners: [{ type: ListenerType.TCP, allowFrom: [Peer.cidr('10.60.0.0/16')] }],
      integrations: { s3: [archive], rules: [{ id: 'cold_copy', sql: 'SELECT clientid, payload, timestamp FROM "plant/#"', actions: [Action.s3('archive')] }] },
    },
  ],
  routes: [
    Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/', qos: 1 }),
    Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/', qos: 1 }),
  ],
};

const app = new App({ outdir: process.env.OUTDIR ?? 'dist' });
const fed = new Federation(app, 'acme', federation);
// escape hatches reach the rendered objects through the public members
const hubCluster: EmqxCluster = fed.hub;
hubCluster.cores?.resource.metadata.addAnnotation('acme.example/owner', 'platform');
app.synth();
writeReports(app, process.env.REPORTS ?? 'reports');
