// A platform team's own federation spec, in their own Pulumi repo (the same spec their cdk8s app may render).
import { EmqxVersion, FederationSpec, Route, Tls } from 'emqx-constructs';

const license = { secretName: 'emqx-license', key: 'license.key' };

export const federation: FederationSpec = {
  name: 'acme',
  hub: {
    name: 'hub',
    namespace: 'iot-hub',
    version: EmqxVersion.of('6.0.1'),
    cores: 3,
    license,
    bridgeListener: { hostname: 'hub.iot.acme.example', tls: Tls.certManager({ clusterIssuer: 'acme-ca' }), sourceRanges: ['198.51.100.0/24'] },
    networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
    acknowledgements: [{ id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'plant bridges authenticate with per-plant credentials from the NAT range only' }],
  },
  plants: [
    { name: 'plant-a', version: EmqxVersion.V5_8_9, cores: 3 },
    { name: 'plant-b', version: EmqxVersion.of('6.0.1'), cores: 3, license },
  ],
  routes: [
    Route.up('plant/+/alerts/#', { prefix: 'hub/{plant}/', qos: 1 }),
    Route.down('hub/{plant}/cmd/#', { strip: 'hub/{plant}/', qos: 1 }),
  ],
};
