// The same production cluster on the newest release of each line EMQX ships today: 6.3.1, 6.2.3, 6.1.5,
// 5.10.5 and the 5.8 LTS (5.8.12), each in its own namespace. What differs per release (keys, defaults that
// moved, images) follows from the exact version; on 6.3 the security profile and feature gates are the library's
// defaults (hardened, and only the features the spec needs).
import { App, Chart } from 'cdk8s';
import { Authenticator, AuthorizationSource, EmqxCluster, EmqxClusterSpec, EmqxVersion, ListenerType, Peer, writeReports } from 'emqx-constructs';

/** The releases of this example, newest first. */
export const RELEASES = ['6.3.1', '6.2.3', '6.1.5', '5.10.5', '5.8.12'];

export function releaseSpec(release: string): EmqxClusterSpec {
  const version = EmqxVersion.of(release);
  return {
    name: 'emqx',
    version,
    cores: 3,
    replicants: 2,
    license: { secretName: 'emqx-license', key: 'license.key' },
    listeners: [{ type: ListenerType.TCP, maxConnections: 200_000, allowFrom: [Peer.sameNamespace()] }],
    authentication: [Authenticator.http({ url: 'http://device-auth.iam.svc:8080/mqtt/auth', networkPeer: Peer.namespace('iam') })],
    // the node cache exists from 5.9 (5.8 refuses it)
    ...(version.hasAuthNodeCaches ? { authenticationCache: { ttl: '5m' } } : {}),
    authorization: { sources: [AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'all', topics: ['devices/${clientid}/#'] }])] },
    monitoring: { apiKey: { secretName: 'emqx-metrics' } },
    durableSessions: { replicationFactor: 3 },
    networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] },
    acknowledgements: [
      {
        id: 'EMQX-DurableReplicasManual',
        reason: 'core changes follow the durable-storage runbook: replica sets are updated through the REST API after each core joins',
      },
      // 6.3 no longer substitutes ids holding '/', '+' or '#' into devices/${clientid}/#
      ...(version.hasStrictAclTopicTemplates ? [{ id: 'EMQX-AclTemplateIdentitySlash', reason: "device ids are issued by the auth service, which refuses '/', '+' and '#'" }] : []),
    ],
  };
}

export function build(app: App): Chart {
  const charts = RELEASES.map((release) => {
    const chart = new Chart(app, `release-${release.replace(/\./g, '-')}`, { namespace: `emqx-${release.replace(/\./g, '-')}`, disableResourceNameHashes: true });
    new EmqxCluster(chart, 'Emqx', releaseSpec(release));
    return chart;
  });
  return charts[0];
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  writeReports(app, 'reports');
}
