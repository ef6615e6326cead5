// A regional hub and three plants on different EMQX versions, federated by MQTT bridges from one
// declaration: alerts go up (plant/+/alerts/# → hub/<plant>/plant/+/alerts/#), commands come down
// (hub/<plant>/cmd/# → cmd/#). Each plant bridges over mqtts to the hub's public name with verify_peer
// and SNI, as user bridge-<plant> (password from a Secret in the plant's namespace); the hub seeds those
// users from a Secret and confines each one to its own subtree. The 5.1 plant gets one bridges.mqtt per
// direction (so its upgrade to 5.5+ cannot abort), the 5.8 and 6.0 plants connectors + actions + sources.
// `npm run synth` writes one manifest per site into dist/federation/ and the Mermaid diagram (iiot-eu.federation.mmd)
// into reports/federation/, outside the manifests folder.
import { App, Chart } from 'cdk8s';
import { EmqxEdition, EmqxVersion, Federation, FederationSpec, ListenerType, Peer, Route, Size, Tls, writeReports } from 'emqx-constructs';

const license = { secretName: 'emqx-license', key: 'license.key' };

/** The federation of this example, shared by the cdk8s app and the Pulumi stacks. */
export const federationSpec: FederationSpec = {
    name: 'iiot-eu',
    hub: {
      name: 'hub-eu',
      namespace: 'iot-hub',
      version: EmqxVersion.of('6.0.1'),
      cores: 3,
      replicants: 2,
      license,
      bridgeListener: {
        hostname: 'hub.iot.example.com',
        tls: Tls.certManager({ clusterIssuer: 'iiot-ca' }),
        // the plants' NAT gateways
        sourceRanges: ['198.51.100.0/26', '203.0.113.64/26', '192.0.2.128/26'],
      },
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
      // the hub's own applications (users in the hub's users file, like the bridge users): the alerting
      // consumer reads every plant's alerts; the command service may command the two newer plants only
      applications: [
        { username: 'alerting', receive: true },
        { username: 'command-service', send: true, plants: ['plant-porto', 'plant-oslo'] },
      ],
      acknowledgements: [{
        id: 'EMQX-PublicTlsWithoutClientCertificates',
        reason: 'plant bridges authenticate with per-plant credentials, restricted to the plants\' NAT ranges and confined by the hub ACL',
      }],
    },
    plants: [
      { name: 'plant-lyon', version: EmqxVersion.of('5.1.6'), edition: EmqxEdition.OPEN_SOURCE, cores: 3 },
      { name: 'plant-porto', version: EmqxVersion.V5_8_9, edition: EmqxEdition.OPEN_SOURCE, cores: 3 },
      {
        name: 'plant-oslo',
        version: EmqxVersion.of('6.0.1'),
        cores: 3,
        license,
        // a plant CIDR for its line controllers
        listeners: [{ type: ListenerType.TCP, allowFrom: [Peer.cidr('10.60.0.0/16')] }],
      },
    ],
    routes: [
      Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/', qos: 1 }),
      // seed 000's mapping: drop the local 'plant/' level, keep the line and the rest
      Route.up('plant/+/events/#', { to: 'hub/{plant}/events/{1}/{#}', qos: 1 }),
      Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/', qos: 1 }),
    ],
    maxBufferBytes: Size.mebibytes(32),
};

export function build(app: App): Chart {
  const federation = new Federation(app, 'federation', federationSpec);
  return federation.hub.node.scope as Chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
  // the findings report (and a federation's diagram) go beside the manifests folder, never into it
  writeReports(app, 'reports');
}
