import { EmqxSpecError } from '../validation/emqx-spec-error';
import { SecretKeyRef } from './secret-key-ref';
import { dnsName, goDuration, objectName } from '../validation/validators';

/** Which certificate field EMQX copies into the MQTT username or client id (`mqtt.peer_cert_as_*`). */
export type CertificateField = 'cn' | 'dn' | 'crt' | 'pem' | 'md5';

/** Client-certificate authentication (mutual TLS) on a listener that terminates TLS in the pod. */
export interface MutualTlsOptions {
  /**
   * The CA bundle that signs device certificates (`ssl_options.cacertfile`), from a Secret.
   * @default - `ca.crt` of the listener's own certificate Secret: the issuing CA, which is right when
   *   devices get their certificates from the same private CA (never with a public ACME issuer)
   */
  readonly clientCa?: SecretKeyRef;
  /**
   * Use this field of the client certificate as the MQTT username (`mqtt.peer_cert_as_username`).
   * It is a cluster-wide EMQX setting: every TLS listener that asks for it must ask for the same field.
   * @default - the username from the CONNECT packet
   */
  readonly usernameFrom?: CertificateField;
  /**
   * Use this field of the client certificate as the MQTT client id (`mqtt.peer_cert_as_clientid`);
   * cluster-wide like {@link MutualTlsOptions.usernameFrom}.
   * @default - the client id from the CONNECT packet
   */
  readonly clientIdFrom?: CertificateField;
}

/** Options shared by the certificates cert-manager issues for a listener. */
export interface ListenerCertificateOptions {
  /**
   * Put the in-cluster names in the certificate: the listener's Service (`<svc>`, `<svc>.<ns>`,
   * `<svc>.<ns>.svc`, `<svc>.<ns>.svc.<domain>`) and every core pod behind the headless Service
   * (`<cluster>-core-<i>.<cluster>-headless.<ns>.svc.<domain>`). A public ACME issuer (Let's Encrypt)
   * refuses such names: set `false` there, and give in-cluster clients their own listener.
   * @default true
   */
  readonly internalNames?: boolean;
  /** More DNS names for the certificate (besides the exposure hostname and the internal names). @default - none */
  readonly extraDnsNames?: string[];
  /** Certificate lifetime, a Go duration such as `2160h`. @default '2160h' (90 days) */
  readonly duration?: string;
  /** Renew this long before expiry; shorter than {@link ListenerCertificateOptions.duration}. @default '720h' (30 days) */
  readonly renewBefore?: string;
  /**
   * The key type. RSA 2048 is what the widest range of device TLS stacks accepts; ECDSA P-256 is
   * smaller and faster where devices support it. A new key is generated at every renewal
   * (`rotationPolicy: Always`).
   * @default { algorithm: 'RSA', size: 2048 }
   */
  readonly privateKey?: {
    /** `RSA` or `ECDSA`. */
    readonly algorithm: 'RSA' | 'ECDSA';
    /** Key size (RSA 2048/3072/4096, ECDSA 256/384). @default 2048 for RSA, 256 for ECDSA */
    readonly size?: number;
  };
  /** Require and verify client certificates. @default - server-side TLS only */
  readonly mutualTls?: MutualTlsOptions;
}

/** Options of {@link Tls.certManager}. Set exactly one of `issuer` and `clusterIssuer`. */
export interface CertManagerTlsOptions extends ListenerCertificateOptions {
  /** A cert-manager `Issuer` in the cluster's namespace. @default - none */
  readonly issuer?: string;
  /** A cert-manager `ClusterIssuer`. @default - none */
  readonly clusterIssuer?: string;
}

/** Options of {@link Tls.fromSecret}. */
export interface SecretTlsOptions {
  /** A `kubernetes.io/tls` Secret in the cluster's namespace holding `tls.crt` and `tls.key` (managed outside this library). */
  readonly secretName: string;
  /** Require and verify client certificates. @default - server-side TLS only */
  readonly mutualTls?: MutualTlsOptions;
}

/** Options of {@link Tls.atNlb}. */
export interface NlbTlsOptions {
  /** The ACM (or IAM) certificate ARN(s) the NLB serves; the first is the default certificate, the others are picked by SNI. */
  readonly certificateArns: string[];
  /**
   * The NLB's TLS security policy. The API default, `ELBSecurityPolicy-2016-08`, still accepts TLS 1.0.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: string;
}

const ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;
const FIELDS: CertificateField[] = ['cn', 'dn', 'crt', 'pem', 'md5'];

/** Hours in a Go duration (cert-manager's format), for comparing durations. */
export function goDurationHours(d: string): number {
  let hours = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const n = Number(m[1]);
    hours += m[2] === 'h' ? n : m[2] === 'm' ? n / 60 : m[2] === 's' ? n / 3600 : n / 3600000;
  }
  return hours;
}

function checkMutual(m: MutualTlsOptions | undefined): void {
  if (!m) return;
  if (m.clientCa) {
    objectName('tls.mutualTls.clientCa.secretName', m.clientCa.secretName, 'Secret');
    if (typeof m.clientCa.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(m.clientCa.key)) {
      throw new EmqxSpecError('tls.mutualTls.clientCa.key', m.clientCa.key, 'is not a valid Secret key', "use letters, digits, '-', '_' and '.' (e.g. 'ca.crt')");
    }
  }
  for (const f of ['usernameFrom', 'clientIdFrom'] as const) {
    if (m[f] !== undefined && !FIELDS.includes(m[f]!)) {
      throw new EmqxSpecError(`tls.mutualTls.${f}`, m[f], 'is not a certificate field EMQX can use', `use one of ${FIELDS.join(', ')}`);
    }
  }
}

function checkCertificate(o: ListenerCertificateOptions): void {
  for (const [i, n] of (o.extraDnsNames ?? []).entries()) dnsName(`tls.extraDnsNames[${i}]`, n);
  const duration = o.duration ?? '2160h';
  const renewBefore = o.renewBefore ?? '720h';
  for (const [field, v] of [['tls.duration', duration], ['tls.renewBefore', renewBefore]] as const) {
    goDuration(field, v);
  }
  if (goDurationHours(duration) < 1) throw new EmqxSpecError('tls.duration', duration, 'is shorter than cert-manager accepts (1h)', "use e.g. '2160h'");
  if (goDurationHours(renewBefore) >= goDurationHours(duration)) {
    throw new EmqxSpecError('tls.renewBefore', renewBefore, `must be shorter than the duration (${duration}), or the certificate renews forever`, "use e.g. '720h' for a '2160h' certificate");
  }
  const k = o.privateKey;
  if (k) {
    const sizes = k.algorithm === 'RSA' ? [2048, 3072, 4096] : k.algorithm === 'ECDSA' ? [256, 384, 521] : undefined;
    if (!sizes) throw new EmqxSpecError('tls.privateKey.algorithm', k.algorithm, 'is not a supported key algorithm', "use 'RSA' or 'ECDSA'");
    if (k.size !== undefined && !sizes.includes(k.size)) {
      throw new EmqxSpecError('tls.privateKey.size', k.size, `is not a ${k.algorithm} key size cert-manager issues`, `use one of ${sizes.join(', ')}`);
    }
  }
  checkMutual(o.mutualTls);
}

/**
 * Where a TLS listener (ssl, wss) gets its certificate, and where TLS ends.
 *
 * - {@link Tls.certManager}: TLS ends in the EMQX pod; cert-manager issues and renews the certificate.
 * - {@link Tls.selfSignedCa}: the same with a per-cluster self-signed CA chain (development only).
 * - {@link Tls.fromSecret}: TLS ends in the pod with a certificate Secret you manage.
 * - {@link Tls.atNlb}: TLS ends at the AWS NLB with an ACM certificate; EMQX gets plain MQTT with
 *   PROXY protocol v2 (set on both sides by the library). AWS NLBs cannot ask for client certificates.
 */
export class Tls {
  /** A cert-manager Certificate from your Issuer or ClusterIssuer. */
  public static certManager(options: CertManagerTlsOptions): Tls {
    const { issuer, clusterIssuer } = options;
    if ((issuer === undefined) === (clusterIssuer === undefined)) {
      throw new EmqxSpecError('tls.issuer', { issuer, clusterIssuer }, 'needs exactly one of issuer and clusterIssuer', "set e.g. clusterIssuer: 'iiot-ca', or use Tls.selfSignedCa() for development");
    }
    if (issuer !== undefined) objectName('tls.issuer', issuer, 'Issuer');
    if (clusterIssuer !== undefined) objectName('tls.clusterIssuer', clusterIssuer, 'ClusterIssuer');
    checkCertificate(options);
    return new Tls('cert-manager', options);
  }

  /**
   * For development: a self-signed CA per cluster (Issuer `<cluster>-selfsigned` → CA Certificate
   * `<cluster>-dev-ca` → Issuer `<cluster>-dev-ca`) that issues the listener certificate. Devices must
   * trust `ca.crt` of Secret `<cluster>-dev-ca`.
   */
  public static selfSignedCa(options: ListenerCertificateOptions = {}): Tls {
    checkCertificate(options);
    return new Tls('self-signed-ca', options);
  }

  /** A `kubernetes.io/tls` Secret you manage (Vault, External Secrets, ...). */
  public static fromSecret(options: SecretTlsOptions): Tls {
    objectName('tls.secretName', options.secretName, 'Secret');
    checkMutual(options.mutualTls);
    return new Tls('secret', options);
  }

  /**
   * TLS ends at the AWS NLB (`aws-load-balancer-ssl-cert`); needs `Exposure.awsNlb()`. The NLB sends
   * PROXY protocol v2 and EMQX's listener expects it, so EMQX still sees each device's address.
   */
  public static atNlb(options: NlbTlsOptions): Tls {
    const arns = options.certificateArns;
    if (!Array.isArray(arns) || arns.length === 0) {
      throw new EmqxSpecError('tls.certificateArns', arns, 'needs at least one certificate ARN', "pass e.g. ['arn:aws:acm:eu-west-1:123456789012:certificate/...']");
    }
    arns.forEach((a, i) => {
      if (typeof a !== 'string' || !ARN.test(a)) {
        throw new EmqxSpecError(`tls.certificateArns[${i}]`, a, 'is not an ACM or IAM certificate ARN', "use 'arn:aws:acm:<region>:<account>:certificate/<id>'");
      }
    });
    const sslPolicy = options.sslPolicy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06';
    if (!/^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(sslPolicy)) {
      throw new EmqxSpecError('tls.sslPolicy', sslPolicy, 'is not an ELB security policy name', "use e.g. 'ELBSecurityPolicy-TLS13-1-2-2021-06'");
    }
    if ((options as { mutualTls?: unknown }).mutualTls !== undefined) {
      throw new EmqxSpecError('tls.mutualTls', (options as { mutualTls?: unknown }).mutualTls,
        'AWS NLBs do not support mutual TLS: a TLS listener on an NLB never asks the device for a certificate (AWS: "Network Load Balancers do not support TLS renegotiation or mutual TLS authentication")',
        'terminate TLS in the pod (Tls.certManager / Tls.fromSecret with mutualTls) behind a plain TCP NLB listener');
    }
    return new Tls('nlb', { certificateArns: [...arns], sslPolicy });
  }

  private constructor(
    /** Where the certificate comes from. */
    public readonly source: 'cert-manager' | 'self-signed-ca' | 'secret' | 'nlb',
    /** The options as given (with the NLB policy defaulted). */
    public readonly options: Readonly<CertManagerTlsOptions & Partial<SecretTlsOptions> & Partial<NlbTlsOptions>>,
  ) {}

  /** True when TLS ends in the EMQX pod (every source but {@link Tls.atNlb}). */
  public get terminatesInPod(): boolean {
    return this.source !== 'nlb';
  }
}
