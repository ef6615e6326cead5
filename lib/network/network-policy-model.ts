import { PolicyPeer } from './network-peer';

/** A port a rule allows. */
export interface PolicyPort {
  /** The port. */
  readonly port: number;
  /** TCP or UDP. */
  readonly protocol: 'TCP' | 'UDP';
}

/** One ingress or egress rule: these peers (all when empty) on these ports. */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
}

/** A NetworkPolicy as plain data, rendered by the cdk8s construct. */
export interface NetworkPolicyModel {
  /** `metadata.name`. */
  readonly name: string;
  /** Why it exists (an annotation on the object and a row in the docs). */
  readonly purpose: string;
  /** The pods it applies to (matchLabels). */
  readonly podSelector: Record<string, string>;
  readonly policyTypes: ('Ingress' | 'Egress')[];
  readonly ingress?: readonly PolicyRule[];
  readonly egress?: readonly PolicyRule[];
}

/** TCP ports. */
export function tcp(...ports: number[]): PolicyPort[] {
  return ports.map((port) => ({ port, protocol: 'TCP' as const }));
}
