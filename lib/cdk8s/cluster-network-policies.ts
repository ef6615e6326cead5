import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule } from 'kubernetes-types/networking/v1';
import { ClusterLabels } from '../model/cluster-labels';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { buildNetworkPolicies } from '../network/build-network-policies';
import { PolicyRule } from '../network/network-policy-model';
import { kubeObject } from './kube-object';

/** The annotation holding a policy's purpose. */
export const POLICY_PURPOSE_ANNOTATION = 'emqx-constructs.io/purpose';

function rule(r: PolicyRule, direction: 'from' | 'to') {
  return {
    [direction]: r.peers.length ? r.peers.map((p) => ({ podSelector: p.podSelector, namespaceSelector: p.namespaceSelector, ipBlock: p.ipBlock })) : undefined,
    ports: r.ports.map((p) => ({ port: p.port, protocol: p.protocol })),
  };
}

/** The cluster's NetworkPolicies (`<name>-default-deny`, `-cluster-internal`, `-dns`, `-api-server`, `-listeners`, `-dashboard`, `-extra`). */
export class ClusterNetworkPolicies extends Construct {
  /** The NetworkPolicies, in order (none when disabled with a reason). */
  public readonly resources: ApiObject[];

  constructor(scope: Construct, id: string, cluster: ResolvedEmqxCluster) {
    super(scope, id);
    const labels = new ClusterLabels(cluster).metadata('network-policy');
    this.resources = buildNetworkPolicies(cluster).map((p) => kubeObject<NetworkPolicy>(this, p.name, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: p.name, namespace: cluster.namespace, labels, annotations: { [POLICY_PURPOSE_ANNOTATION]: p.purpose } },
      spec: {
        podSelector: { matchLabels: p.podSelector },
        policyTypes: p.policyTypes,
        ingress: p.ingress?.map((r) => rule(r, 'from')) as NetworkPolicyIngressRule[] | undefined,
        egress: p.egress?.map((r) => rule(r, 'to')) as NetworkPolicyEgressRule[] | undefined,
      },
    }));
  }
}
