import { Peer } from '../../lib/network/network-peer';
import { NetworkPoliciesSpec } from '../../lib/network/network-policies-spec';

/** The network facts a test cluster needs when it has NLBs, k8s discovery or monitoring. */
export const TEST_NETWORK_POLICIES: NetworkPoliciesSpec = {
  vpcCidrs: ['10.0.0.0/16'],
  apiServer: { cidrs: ['172.20.0.10/32'] },
  dashboardFrom: [Peer.namespace('monitoring')],
};
