/**
 * A small evaluator of Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), to compute
 * reachability from synthesized policy objects:
 * - a pod is isolated for a direction when a policy in its namespace selects it with that policy type
 *   (policyTypes defaults to Ingress, plus Egress when the policy has egress rules);
 * - a connection is allowed when the source's egress and the destination's ingress both allow it;
 *   endpoints that are not pods (external addresses) are never isolated; a pod can always reach itself;
 * - rule peers: podSelector (in the policy's namespace unless a namespaceSelector is given),
 *   namespaceSelector, both combined, or ipBlock with `except`; no peers means all; no ports means all;
 *   ports match by number (with endPort) or by the destination's named container port, and protocol
 *   (default TCP); selectors support matchLabels and matchExpressions.
 */

export interface Endpoint {
  readonly name: string;
  readonly ip: string;
  /** Pods only. */
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  /** Named container ports of a pod. */
  readonly namedPorts?: Record<string, number>;
}

export interface Connection {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

export function selectorMatches(sel: Selector | undefined, labels: Record<string, string> = {}): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = k(labels, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function k(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function ipv4(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]) : undefined;
}

/** Whether an IPv4 address is in a CIDR (IPv6 CIDRs contain no IPv4 address). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === undefined || b === undefined) return false;
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

export class NetworkPolicyEvaluator {
  private readonly policies: any[];

  constructor(objects: any[], private readonly namespaceLabels: (ns: string) => Record<string, string>) {
    this.policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  }

  private types(p: any): string[] {
    return p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress'] : [])];
  }

  private selecting(pod: Endpoint, type: 'Ingress' | 'Egress'): any[] {
    if (pod.namespace === undefined) return [];
    return this.policies.filter((p) => p.metadata.namespace === pod.namespace && this.types(p).includes(type) && selectorMatches(p.spec.podSelector, pod.labels));
  }

  private peerMatches(peer: any, policyNamespace: string, e: Endpoint): boolean {
    if (peer.ipBlock) {
      return inCidr(e.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((x: string) => inCidr(e.ip, x));
    }
    if (e.namespace === undefined) return false;
    const nsOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, this.namespaceLabels(e.namespace)) : e.namespace === policyNamespace;
    const podOk = peer.podSelector ? selectorMatches(peer.podSelector, e.labels) : true;
    return nsOk && podOk;
  }

  private portMatches(ports: any[] | undefined, c: Connection, dst: Endpoint): boolean {
    if (!ports || ports.length === 0) return true;
    return ports.some((p) => {
      if ((p.protocol ?? 'TCP') !== c.protocol) return false;
      if (p.port === undefined) return true;
      const port = typeof p.port === 'number' ? p.port : dst.namedPorts?.[p.port];
      if (port === undefined) return false;
      return p.endPort !== undefined ? c.port >= port && c.port <= p.endPort : c.port === port;
    });
  }

  private allowedBy(policies: any[], direction: 'ingress' | 'egress', peer: Endpoint, dst: Endpoint, c: Connection): boolean {
    if (policies.length === 0) return true;
    const key = direction === 'ingress' ? 'from' : 'to';
    return policies.some((p) => (p.spec[direction] ?? []).some((r: any) =>
      (!r[key] || r[key].length === 0 || r[key].some((x: any) => this.peerMatches(x, p.metadata.namespace, peer))) && this.portMatches(r.ports, c, dst)));
  }

  /** Whether `src` can open `c` to `dst`. */
  public allowed(src: Endpoint, dst: Endpoint, c: Connection): boolean {
    if (src === dst) return true;
    return this.allowedBy(this.selecting(src, 'Egress'), 'egress', dst, dst, c) && this.allowedBy(this.selecting(dst, 'Ingress'), 'ingress', src, dst, c);
  }
}
