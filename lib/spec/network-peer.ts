import { EmqxSpecError } from './emqx-spec-error';

/** One `from`/`to` entry of a NetworkPolicy rule (the Kubernetes `NetworkPolicyPeer` shape). */
export interface PolicyPeer {
  /** Pods by label. @default - none */
  readonly podSelector?: {
    /** Labels to match. */
    readonly matchLabels: Record<string, string>;
  };
  /** Namespaces by label. @default - none */
  readonly namespaceSelector?: {
    /** Labels to match. */
    readonly matchLabels: Record<string, string>;
  };
  /** Addresses. @default - none */
  readonly ipBlock?: {
    /** The CIDR. */
    readonly cidr: string;
    /** CIDRs excluded. @default - none */
    readonly except?: string[];
  };
}

const CIDR4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const CIDR6 = /^[0-9a-fA-F:]+\/\d{1,3}$/;

/** Throws when a string is not an IPv4/IPv6 CIDR. */
export function checkCidr(field: string, cidr: unknown): string {
  const m = typeof cidr === 'string' ? CIDR4.exec(cidr) : null;
  const ok4 = m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  if (!ok4 && !(typeof cidr === 'string' && CIDR6.test(cidr))) {
    throw new EmqxSpecError(field, cidr, 'is not a CIDR', "write it like '10.20.0.0/16'");
  }
  return cidr as string;
}

/** The label Kubernetes puts on every namespace with its name (1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Who may reach (or be reached by) EMQX pods, in NetworkPolicy terms. */
export class Peer {
  /** Addresses in a CIDR, optionally minus some sub-ranges. */
  public static cidr(cidr: string, except: string[] = []): Peer {
    checkCidr('peer.cidr', cidr);
    except.forEach((e, i) => checkCidr(`peer.except[${i}]`, e));
    return new Peer(`cidr ${cidr}`, [{ ipBlock: { cidr, except: except.length ? except : undefined } }]);
  }

  /** Every pod of a namespace, by name. */
  public static namespace(name: string): Peer {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new EmqxSpecError('peer.namespace', name, 'is not a namespace name', 'use a DNS label such as "monitoring"');
    return new Peer(`namespace ${name}`, [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } }]);
  }

  /** Pods with these labels, in the cluster's namespace or in a named one. */
  public static pods(labels: Record<string, string>, options: { namespace?: string } = {}): Peer {
    if (!Object.keys(labels).length) throw new EmqxSpecError('peer.pods', labels, 'needs at least one label', 'select pods by a label such as { app: "ingest" } (Peer.sameNamespace() selects all)');
    const peer: PolicyPeer = options.namespace
      ? { podSelector: { matchLabels: { ...labels } }, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: options.namespace } } }
      : { podSelector: { matchLabels: { ...labels } } };
    return new Peer(`pods ${JSON.stringify(labels)}${options.namespace ? ` in ${options.namespace}` : ''}`, [peer]);
  }

  /** Every pod in the cluster's own namespace. */
  public static sameNamespace(): Peer {
    return new Peer('the namespace', [{ podSelector: { matchLabels: {} } }]);
  }

  /** Any address at all (IPv4 and IPv6). Only where you mean it: a public listener. */
  public static anywhere(): Peer {
    return new Peer('anywhere', [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
  }

  private constructor(
    /** For docs and messages. */
    public readonly description: string,
    /** The NetworkPolicy peers. */
    public readonly peers: readonly PolicyPeer[],
  ) {}
}
