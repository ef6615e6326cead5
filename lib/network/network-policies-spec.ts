import { Discovery } from '../model/discovery';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { checkCidr, Peer } from './network-peer';
import { PolicyPort } from './network-policy-model';

/** A port of an extra rule. */
export interface ExtraPort {
  /** TCP port (1-65535). */
  readonly port: number;
  /** The protocol. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** More ingress to the EMQX pods than the library derives. */
export interface ExtraIngress {
  /** The ports. */
  readonly ports: ExtraPort[];
  /** Who may connect. */
  readonly from: Peer[];
}

/** More egress from the EMQX pods than the library derives. */
export interface ExtraEgress {
  /** The ports. */
  readonly ports: ExtraPort[];
  /** Where the pods may connect. */
  readonly to: Peer[];
}

/**
 * NetworkPolicies of a cluster: default deny, then exactly what EMQX needs (distribution and gen_rpc
 * between its own pods, DNS, the API server for k8s discovery, each listener from its peers, the
 * dashboard from the peers named here).
 */
export interface NetworkPoliciesSpec {
  /** Do not render NetworkPolicies for this cluster, for a reason (at least 10 characters) kept in the findings. @default - policies are rendered */
  readonly disabled?: {
    /** Why (at least 10 characters; kept in the findings). */
    readonly reason: string;
  };
  /**
   * The VPC CIDRs the NLBs live in. Required when a listener is on an AWS NLB: the NLB's health checks,
   * and its traffic when client IP preservation is off, come from its own VPC addresses.
   * @default - none
   */
  readonly vpcCidrs?: string[];
  /**
   * The API server endpoints (`kubectl get endpoints kubernetes`), for k8s discovery. NetworkPolicies see
   * the endpoint address after the Service's DNAT, so the CIDRs and port are the endpoints' own.
   * @default - none (required with Discovery.kubernetes())
   */
  readonly apiServer?: {
    /** The API server's addresses. */
    readonly cidrs: string[];
    /** Its port. @default 443 */
    readonly port?: number;
  };
  /** Who may reach the dashboard / REST API / metrics port (operators, Prometheus). @default - nobody but the node's kubelet (probes) */
  readonly dashboardFrom?: Peer[];
  /** Where DNS is served. @default - pods `k8s-app: kube-dns` in namespace kube-system */
  readonly dns?: Peer;
  /** Extra allowed ingress. @default - none */
  readonly extraIngress?: ExtraIngress[];
  /** Extra allowed egress. @default - none */
  readonly extraEgress?: ExtraEgress[];
}

/** Network policies after defaults. */
export interface ResolvedNetworkPolicies {
  /** Why the policies are off, when they are. */
  readonly disabledReason?: string;
  /** The VPC's CIDRs (NLB health checks). */
  readonly vpcCidrs: string[];
  /** The API server (k8s discovery). */
  readonly apiServer?: {
    /** Its addresses. */
    readonly cidrs: string[];
    /** Its port. */
    readonly port: number;
  };
  /** Who may reach the dashboard. */
  readonly dashboardFrom: Peer[];
  /** Where DNS is. */
  readonly dns: Peer;
  /** Extra ingress rules. */
  readonly extraIngress: {
    /** The ports. */
    readonly ports: PolicyPort[];
    /** Who may connect. */
    readonly from: Peer[];
  }[];
  /** Extra egress rules. */
  readonly extraEgress: {
    /** The ports. */
    readonly ports: PolicyPort[];
    /** Where the pods may connect. */
    readonly to: Peer[];
  }[];
}

/** kube-dns / CoreDNS as most clusters (EKS included) label it. */
export const KUBE_DNS = Peer.pods({ 'k8s-app': 'kube-dns' }, { namespace: 'kube-system' });

function ports(field: string, list: ExtraPort[]): PolicyPort[] {
  if (!Array.isArray(list) || list.length === 0) throw new EmqxSpecError(field, list, 'needs at least one port', 'give e.g. [{ port: 9000 }]');
  return list.map((p, i) => {
    if (!Number.isInteger(p?.port) || p.port < 1 || p.port > 65535) throw new EmqxSpecError(`${field}[${i}].port`, p?.port, 'is not a port', 'use 1 to 65535');
    const protocol = p.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP') throw new EmqxSpecError(`${field}[${i}].protocol`, protocol, 'is not TCP or UDP', "use 'TCP' or 'UDP'");
    return { port: p.port, protocol };
  });
}

function peers(field: string, list: Peer[]): Peer[] {
  if (!Array.isArray(list) || list.length === 0 || list.some((p) => !(p instanceof Peer))) {
    throw new EmqxSpecError(field, list, 'needs a list of peers', 'use Peer.namespace(...), Peer.pods(...), Peer.cidr(...) or Peer.anywhere()');
  }
  return list;
}

/** Applies defaults, and refuses policies that would cut EMQX off from what it needs. */
export function resolveNetworkPolicies(
  spec: NetworkPoliciesSpec | undefined,
  ctx: { discovery: Discovery; hasNlb: boolean; hasMonitoring: boolean },
): ResolvedNetworkPolicies {
  const s = spec ?? {};
  const base = { vpcCidrs: [], dashboardFrom: [], dns: KUBE_DNS, extraIngress: [], extraEgress: [] };
  if (s.disabled) {
    if (typeof s.disabled.reason !== 'string' || s.disabled.reason.trim().length < 10) {
      throw new EmqxSpecError('networkPolicies.disabled.reason', s.disabled.reason, 'must say in at least 10 characters why this cluster runs without NetworkPolicies', 'e.g. "the CNI enforces Cilium cluster-wide policies instead"');
    }
    return { ...base, disabledReason: s.disabled.reason.trim() };
  }
  if (s.vpcCidrs !== undefined && !Array.isArray(s.vpcCidrs)) {
    throw new EmqxSpecError('networkPolicies.vpcCidrs', s.vpcCidrs, 'is not a list of CIDRs', "write it as a list, e.g. ['10.0.0.0/16']");
  }
  const vpcCidrs = (s.vpcCidrs ?? []).map((c, i) => checkCidr(`networkPolicies.vpcCidrs[${i}]`, c));
  if (ctx.hasNlb && vpcCidrs.length === 0) {
    throw new EmqxSpecError('networkPolicies.vpcCidrs', undefined, "a listener is on an AWS NLB, whose health checks come from the VPC's own addresses; a default-deny policy would fail them and take the listener out of the NLB",
      "set networkPolicies: { vpcCidrs: ['10.0.0.0/16'] } (your VPC), or networkPolicies: { disabled: { reason: '...' } }");
  }
  let apiServer: ResolvedNetworkPolicies['apiServer'];
  if (s.apiServer) {
    const port = s.apiServer.port ?? 443;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EmqxSpecError('networkPolicies.apiServer.port', port, 'is not a port', 'use 443 (EKS) or 6443 (kubeadm)');
    apiServer = { cidrs: s.apiServer.cidrs.map((c, i) => checkCidr(`networkPolicies.apiServer.cidrs[${i}]`, c)), port };
  }
  if (ctx.discovery.strategy === 'k8s' && !apiServer?.cidrs.length) {
    throw new EmqxSpecError('networkPolicies.apiServer', undefined, 'Kubernetes discovery reads Endpoints from the API server, which a default-deny egress policy blocks',
      "set networkPolicies: { apiServer: { cidrs: ['<endpoint IPs>/32'], port: 443 } } from `kubectl get endpoints kubernetes`, or use Discovery.dnsSrv()");
  }
  const dashboardFrom = s.dashboardFrom ? peers('networkPolicies.dashboardFrom', s.dashboardFrom) : [];
  if (ctx.hasMonitoring && dashboardFrom.length === 0) {
    throw new EmqxSpecError('networkPolicies.dashboardFrom', undefined, 'monitoring scrapes port 18083, which the policies close to everyone not listed here',
      "set networkPolicies: { dashboardFrom: [Peer.namespace('monitoring')] } (where Prometheus runs)");
  }
  return {
    vpcCidrs,
    apiServer,
    dashboardFrom,
    dns: s.dns ?? KUBE_DNS,
    extraIngress: (s.extraIngress ?? []).map((r, i) => ({ ports: ports(`networkPolicies.extraIngress[${i}].ports`, r.ports), from: peers(`networkPolicies.extraIngress[${i}].from`, r.from) })),
    extraEgress: (s.extraEgress ?? []).map((r, i) => ({ ports: ports(`networkPolicies.extraEgress[${i}].ports`, r.ports), to: peers(`networkPolicies.extraEgress[${i}].to`, r.to) })),
  };
}

