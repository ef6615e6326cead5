import { EmqxSpecError } from '../validation/emqx-spec-error';
import { cidr, DNS1123_LABEL } from '../validation/validators';

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

/** Throws when a value is not an IPv4/IPv6 CIDR (see {@link cidr}). */
export function checkCidr(field: string, value: unknown): string {
  return cidr(field, value);
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
    // a type check first: a regex test coerces undefined to 'undefined', which would select every namespace
    if (typeof name !== 'string' || name.length > 63 || !DNS1123_LABEL.test(name)) throw new EmqxSpecError('peer.namespace', name, 'is not a namespace name', 'use a DNS label such as "monitoring"');
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
