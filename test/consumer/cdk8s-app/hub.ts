// The user's hub and license, shared by their federation app (main.ts) and their fleet (fleet.ts).
import { EmqxVersion, HubSpec, Tls } from 'emqx-constructs';

export const license = { secretName: 'emqx-license', key: 'license.key' };

export const hub: HubSpec = {
  name: 'hub',
  namespace: 'iot-hub',
  version: EmqxVersion.of('6.0.1'),
  cores: 3,
  license,
  bridgeListener: { hostname: 'hub.iot.acme.example', tls: Tls.certManager({ clusterIssuer: 'acme-ca' }), sourceRanges: ['198.51.100.0/24'] },
  networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
  acknowledgements: [{ id: 'EMQX-PublicTlsWithoutClientCertificates', reason: 'plant bridges authenticate with per-plant credentials from the NAT range only' }],
};
