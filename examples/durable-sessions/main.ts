// Seed 001 ("Advanced MQTT clustering with EMQX 5.8"): three enterprise 5.8 cores, durable sessions on
// builtin_raft with 16 shards replicated 3 times, sticky shared subscriptions for the ETL workers, per-client
// rate limits on the ingress listener, and the license key from a Secret (without it, enterprise 5.8 runs
// on a 25-connection trial license: EMQX-EnterpriseWithoutLicense).
import { App, Chart } from 'cdk8s';
import {
  Authenticator, AuthorizationSource, EmqxCluster, EmqxClusterSpec, EmqxEdition, EmqxVersion, ListenerType, Peer, Size, writeReports,
} from 'emqx-constructs';

export const durableClusterSpec: EmqxClusterSpec = {
  name: 'broker',
  version: EmqxVersion.of('5.8.4'),
  edition: EmqxEdition.ENTERPRISE,
  cores: 3,
  // kubectl -n mqtt-durable create secret generic emqx-license --from-file=license.key
  license: { secretName: 'emqx-license', key: 'license.key' },
  // the Raft log of the durable storage lives on each core's volume (the seed sizes it from retention)
  storage: { size: '100Gi', storageClassName: 'gp3' },
  coreResources: { requests: { cpu: '4', memory: '8Gi' }, limits: { memory: '12Gi' } },
  durableSessions: { replicationFactor: 3, nShards: 16 },
  // three cores for good: a core replaced with a new volume is added to each DB's replica set by the runbook
  acknowledgements: [{ id: 'EMQX-DurableReplicasManual', reason: 'cores are fixed at three; a replaced core is re-added to the replica sets by the storage runbook' }],
  // seed 001's session tunables (section 3.1), which the typed durableSessions does not model
  extraConfig: {
    all: [
      'durable_sessions {',
      '  batch_size = 100',
      '  idle_poll_interval = 100ms',
      '  heartbeat_interval = 5000ms',
      '  session_gc_interval = 10m',
      '}',
    ].join('\n'),
  },
  listeners: [
    // one client listener; per client at most 1000 messages and 1 MiB a second (seed 001, pitfall 4)
    { type: ListenerType.TCP, maxConnections: 1_000_000, messagesPerSecond: 1000, bytesPerSecond: Size.mebibytes(1), allowFrom: [Peer.sameNamespace(), Peer.namespace('etl')] },
  ],
  // workers that cache per-topic state keep receiving the same topics (seed 001, section 4)
  mqtt: { sharedSubscriptionStrategy: 'sticky' },
  authentication: [Authenticator.http({ url: 'http://device-auth.iam.svc:8080/mqtt/auth', networkPeer: Peer.namespace('iam') })],
  authorization: {
    sources: [
      AuthorizationSource.file([
        { permission: 'allow', who: 'all', action: 'all', topics: ['device/${clientid}/#'] },
        { permission: 'allow', who: { usernameRe: '^etl-worker-' }, action: 'subscribe', topics: ['$share/etl/ingest/+'] },
        { permission: 'allow', who: 'all', action: 'publish', topics: ['ingest/${clientid}'] },
      ]),
    ],
  },
  networkPolicies: {},
};

export function build(app: App): Chart {
  const chart = new Chart(app, 'durable-sessions', { namespace: 'mqtt-durable', disableResourceNameHashes: true });
  new EmqxCluster(chart, 'Emqx', durableClusterSpec);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  writeReports(app, 'reports');
}
