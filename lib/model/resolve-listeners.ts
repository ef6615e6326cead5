import { EmqxSpecError } from '../validation/emqx-spec-error';
import { tcpPort, wholeNumber } from '../validation/spec-numbers';
import { EmqxVersion } from '../versions/emqx-version';
import { Exposure } from './exposure';
import { DEFAULT_LISTENER_PORTS, ListenerSpec, ListenerType } from './listener-spec';
import { Authenticator, validateAuthenticators } from './authentication';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from './secret-key-ref';
import { Size } from '../validation/size';
import { CertificateField, ListenerCertificateOptions, Tls } from './tls';

/** The idle timeout of an NLB TLS listener (fixed) and the default of a TCP listener, in seconds (AWS docs, "Update the TCP idle timeout"). */
export const NLB_DEFAULT_IDLE_TIMEOUT_SECONDS = 350;

/** Where the EMQX containers find a listener's certificate files. */
export const CERTS_DIR = '/opt/emqx/etc/certs';

/** A cert-manager Certificate the library creates for a listener. */
export interface ResolvedCertificate {
  /** `metadata.name` of the Certificate (also its Secret's name). */
  readonly name: string;
  /** The cert-manager issuer. */
  readonly issuerRef: {
    /** The issuer's name. */
    readonly name: string;
    /** `Issuer` or `ClusterIssuer`. */
    readonly kind: 'Issuer' | 'ClusterIssuer';
  };
  /** The names the certificate holds. */
  readonly dnsNames: string[];
  /** Validity, as a Go duration. */
  readonly duration: string;
  /** Renewal lead time, as a Go duration. */
  readonly renewBefore: string;
  /** The private key's algorithm and size. */
  readonly privateKey: {
    /** `RSA` or `ECDSA`. */
    readonly algorithm: 'RSA' | 'ECDSA';
    /** Key size in bits. */
    readonly size: number;
  };
}

/** TLS that ends in the EMQX pod: the Secret, where it is mounted, and what `ssl_options` says. */
export interface ResolvedPodTls {
  /** TLS ends in the pod. */
  readonly terminatesAt: 'pod';
  /** The Secret holding `tls.crt`/`tls.key` (written by cert-manager, or yours). */
  readonly secretName: string;
  /** The Certificate to create, unless the Secret is managed outside the library. */
  readonly certificate?: ResolvedCertificate;
  /** The pod volume of the Secret (mounted read-only as a directory, so renewals reach the pod). */
  readonly volumeName: string;
  /** Where the Secret is mounted. */
  readonly mountPath: string;
  /** The Secret keys projected into the volume. */
  readonly secretItems: string[];
  /** `ssl_options.certfile`. */
  readonly certfile: string;
  /** `ssl_options.keyfile`. */
  readonly keyfile: string;
  /** `ssl_options.cacertfile`: the CA that client certificates must chain to, when EMQX uses one. */
  readonly cacertfile?: string;
  /** A client CA from a Secret of its own, mounted next to the certificate. */
  readonly clientCa?: SecretKeyRef & {
    /** The client CA's pod volume. */
    readonly volumeName: string;
    /** Where the client CA is mounted. */
    readonly mountPath: string;
  };
  /** Client certificates are required and verified. */
  readonly mutual: boolean;
  /** The client-certificate field used as username. */
  readonly usernameFrom?: CertificateField;
  /** The client-certificate field used as client id. */
  readonly clientIdFrom?: CertificateField;
}

/** TLS that ends at the AWS NLB: the Service annotations' inputs. */
export interface ResolvedNlbTls {
  /** TLS ends at the NLB. */
  readonly terminatesAt: 'nlb';
  /** ACM certificate ARNs. */
  readonly certificateArns: string[];
  /** The NLB's TLS negotiation policy. */
  readonly sslPolicy: string;
}

/** A listener after defaults. */
export interface ResolvedListener {
  /** The transport devices speak (what was declared). */
  readonly type: ListenerType;
  /** The listener's name. */
  readonly name: string;
  /** The EMQX listener that serves it: the declared one, or for TLS at the NLB the plain tcp/ws listener behind it. */
  readonly emqxType: ListenerType;
  /** The listener's key in emqx.conf (`listeners.<type>.<emqxName>`). */
  readonly emqxName: string;
  /** The container port. */
  readonly port: number;
  /** The container/Service port name (≤ 15 characters). */
  readonly portName: string;
  /** `max_connections`, when set. */
  readonly maxConnections?: number;
  /** Rate limits in EMQX notation (`"1000/s"`, `"64KB/s"`) and burst sizes, keyed by EMQX field name. */
  readonly limits: Readonly<Record<string, string | number>>;
  /** Whether EMQX expects PROXY protocol. */
  readonly proxyProtocol: boolean;
  /** The WebSocket path (ws/wss only). */
  readonly websocketPath?: string;
  /** How clients reach it. */
  readonly exposure: Exposure;
  /** The Service that carries this listener (`<cluster>-mqtt` or the NLB's `<cluster>-<exposure>`). */
  readonly serviceName: string;
  /** TLS, for ssl/wss listeners. */
  readonly tls?: ResolvedPodTls | ResolvedNlbTls;
  /** The declared peers (NetworkPolicies), when given. */
  readonly allowFrom?: Peer[];
  /** This listener's own authentication chain (replacing the cluster's), when given. */
  readonly authentication: Authenticator[];
}

/** What listener resolution needs to know about the cluster. */
export interface ListenerContext {
  readonly clusterName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly version: EmqxVersion;
  readonly cores: number;
  /** How certificates name the core pods: each by ordinal (native StatefulSet), or `*.<headless>...` (operator: hashed StatefulSet names). */
  readonly corePodNames: 'ordinal' | 'wildcard';
  readonly coreStatefulSet: string;
  readonly headlessService: string;
  /** The ClusterIP listener Service's name. */
  readonly listenerService: string;
  /** The Issuer of the development CA chain. */
  readonly devCaIssuer: string;
  /** Ports already taken (distribution, gen_rpc, dashboard), with what takes them. */
  readonly reserved: ReadonlyMap<number, string>;
  /** Service names the cluster renders itself (headless, dashboard, in-cluster listeners, metrics), with what each is. */
  readonly reservedServiceNames: ReadonlyMap<string, string>;
}

// single '_' between letters and digits: each '_' becomes '-' in the port name, which allows no '--' or trailing '-'
const LISTENER_NAME = /^[a-z](?:[a-z0-9]|_(?=[a-z0-9]))*$/;

function portName(type: ListenerType, name: string): string {
  const raw = name === 'default' ? `mqtt-${type}` : `${type}-${name.replace(/_/g, '-')}`;
  return raw.slice(0, 15).replace(/-+$/, '');
}

function listenerLimits(field: string, l: ListenerSpec, version: EmqxVersion): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const perSecond = (key: keyof ListenerSpec, emqxKey: string) => {
    const v = l[key];
    if (v === undefined) return;
    wholeNumber(`${field}.${String(key)}`, v, 1, 'omit it for no limit');
    out[emqxKey] = `${v}/s`;
  };
  perSecond('maxConnRate', 'max_conn_rate');
  perSecond('messagesPerSecond', 'messages_rate');
  if (l.bytesPerSecond !== undefined) {
    if (!(l.bytesPerSecond instanceof Size)) throw new EmqxSpecError(`${field}.bytesPerSecond`, l.bytesPerSecond, 'is not a Size', 'use e.g. Size.kibibytes(64)');
    out.bytes_rate = `${l.bytesPerSecond.toEmqx()}/s`;
  }
  const bursts: [keyof ListenerSpec, string][] = [['maxConnBurst', 'max_conn_burst'], ['messagesBurst', 'messages_burst'], ['bytesBurst', 'bytes_burst']];
  for (const [key, emqxKey] of bursts) {
    const v = l[key];
    if (v === undefined) continue;
    if (!version.hasListenerBurstKeys) {
      throw new EmqxSpecError(`${field}.${String(key)}`, v instanceof Size ? v.toEmqx() : v, `EMQX ${version} has no ${emqxKey} (listener bursts exist from 5.9.0)`, 'remove it, or use EMQX 5.9 or newer');
    }
    if (v instanceof Size) out[emqxKey] = v.toEmqx();
    else out[emqxKey] = wholeNumber(`${field}.${String(key)}`, v, 1, 'omit it for no burst');
  }
  return out;
}

/** The DNS names of a pod-TLS listener's certificate: public hostname, the Service, every core pod, extras. */
function certificateDnsNames(ctx: ListenerContext, exposure: Exposure, serviceName: string, o: ListenerCertificateOptions): string[] {
  const names: string[] = [];
  if (exposure.nlb?.hostname) names.push(exposure.nlb.hostname);
  if (o.internalNames ?? true) {
    const ns = ctx.namespace;
    names.push(serviceName, `${serviceName}.${ns}`, `${serviceName}.${ns}.svc`, `${serviceName}.${ns}.svc.${ctx.clusterDomain}`);
    if (ctx.corePodNames === 'wildcard') names.push(`*.${ctx.headlessService}.${ns}.svc.${ctx.clusterDomain}`);
    else for (let i = 0; i < ctx.cores; i++) names.push(`${ctx.coreStatefulSet}-${i}.${ctx.headlessService}.${ns}.svc.${ctx.clusterDomain}`);
  }
  names.push(...(o.extraDnsNames ?? []));
  return [...new Set(names)];
}

function resolvePodTls(ctx: ListenerContext, field: string, tls: Tls, pn: string, exposure: Exposure, serviceName: string): ResolvedPodTls {
  const o = tls.options;
  const mutual = o.mutualTls;
  const mountPath = `${CERTS_DIR}/${pn}`;
  let secretName: string;
  let certificate: ResolvedCertificate | undefined;
  if (tls.source === 'secret') {
    secretName = o.secretName!;
  } else {
    secretName = `${ctx.clusterName}-${pn}-tls`;
    const dnsNames = certificateDnsNames(ctx, exposure, serviceName, o);
    if (dnsNames.length === 0) {
      throw new EmqxSpecError(`${field}.tls`, 'no DNS names', 'the certificate would name no host: internalNames is false and there is no exposure hostname or extra name', 'set the NLB hostname, extraDnsNames, or internalNames: true');
    }
    const algorithm = o.privateKey?.algorithm ?? 'RSA';
    certificate = {
      name: secretName,
      issuerRef: tls.source === 'self-signed-ca'
        ? { name: ctx.devCaIssuer, kind: 'Issuer' }
        : o.issuer !== undefined ? { name: o.issuer, kind: 'Issuer' } : { name: o.clusterIssuer!, kind: 'ClusterIssuer' },
      dnsNames,
      duration: o.duration ?? '2160h',
      renewBefore: o.renewBefore ?? '720h',
      privateKey: { algorithm, size: o.privateKey?.size ?? (algorithm === 'RSA' ? 2048 : 256) },
    };
  }
  const items = ['tls.crt', 'tls.key'];
  let cacertfile: string | undefined;
  let clientCa: ResolvedPodTls['clientCa'];
  if (mutual?.clientCa && !(mutual.clientCa.secretName === secretName && mutual.clientCa.key === 'ca.crt')) {
    clientCa = { ...mutual.clientCa, volumeName: `ca-${pn}`, mountPath: `${CERTS_DIR}/${pn}-client-ca` };
    cacertfile = `${clientCa.mountPath}/${mutual.clientCa.key}`;
  } else if (mutual || tls.source === 'self-signed-ca') {
    // the issuing CA that cert-manager writes next to the certificate (CA and self-signed issuers)
    items.push('ca.crt');
    cacertfile = `${mountPath}/ca.crt`;
  }
  return {
    terminatesAt: 'pod',
    secretName,
    certificate,
    volumeName: `tls-${pn}`,
    mountPath,
    secretItems: items,
    certfile: `${mountPath}/tls.crt`,
    keyfile: `${mountPath}/tls.key`,
    cacertfile,
    clientCa,
    mutual: mutual !== undefined,
    usernameFrom: mutual?.usernameFrom,
    clientIdFrom: mutual?.clientIdFrom,
  };
}

/** Resolves the declared listeners: names, ports, limits, TLS; every rule a listener alone can break. */
export function resolveListeners(input: ListenerSpec[] | undefined, ctx: ListenerContext): ResolvedListener[] {
  const declared = input ?? [{ type: ListenerType.TCP }];
  if (!Array.isArray(declared)) throw new EmqxSpecError('listeners', declared, 'must be a list', 'pass an array of listener specs, e.g. [{ type: ListenerType.TCP }]');
  const seen = new Map<string, string>();
  const ports = new Map(ctx.reserved);
  const portNames = new Set<string>();
  return declared.map((l, i) => {
    const field = `listeners[${i}]`;
    if (!Object.values(ListenerType).includes(l?.type)) {
      throw new EmqxSpecError(`${field}.type`, l?.type, 'is not a listener type', `use one of ${Object.values(ListenerType).join(', ')} (ListenerType.TCP, ...)`);
    }
    const name = l.name ?? 'default';
    if (typeof name !== 'string' || !LISTENER_NAME.test(name) || name.length > 32) {
      throw new EmqxSpecError(`${field}.name`, name, 'is not a valid listener name', "use lowercase letters, digits and '_', starting with a letter (e.g. 'internal')");
    }
    const secure = l.type === ListenerType.SSL || l.type === ListenerType.WSS;
    const tls = l.tls;
    if (tls !== undefined && !(tls instanceof Tls)) throw new EmqxSpecError(`${field}.tls`, tls, 'is not a TLS source', 'use Tls.certManager(), Tls.selfSignedCa(), Tls.fromSecret() or Tls.atNlb()');
    if (secure && !tls) {
      throw new EmqxSpecError(`${field}.tls`, undefined, `a ${l.type} listener needs a certificate source (EMQX would otherwise serve the test certificate bundled in its image)`,
        "set tls: Tls.certManager({ clusterIssuer: '...' }), Tls.fromSecret({ secretName }), Tls.atNlb({ certificateArns }) or, for development, Tls.selfSignedCa()");
    }
    if (!secure && tls) {
      throw new EmqxSpecError(`${field}.tls`, tls.source, `a ${l.type} listener carries no TLS`, `remove tls, or use type ${l.type === ListenerType.WS ? 'wss' : 'ssl'}`);
    }
    const exposure = l.exposure ?? Exposure.clusterIp();
    if (!(exposure instanceof Exposure)) throw new EmqxSpecError(`${field}.exposure`, exposure, 'is not an exposure', 'use Exposure.clusterIp() or Exposure.awsNlb({...})');
    const atNlb = tls?.source === 'nlb';
    if (atNlb && exposure.kind !== 'aws-nlb') {
      throw new EmqxSpecError(`${field}.exposure`, exposure.kind, 'TLS at the NLB needs the listener exposed on an AWS NLB', 'add exposure: Exposure.awsNlb({...}), or terminate TLS in the pod with Tls.certManager()');
    }
    if (atNlb && l.proxyProtocol === false) {
      throw new EmqxSpecError(`${field}.proxyProtocol`, false, 'with TLS at the NLB, EMQX only learns the device address from the PROXY protocol v2 header, so the library sets it on the NLB and the listener', 'remove proxyProtocol: false (or terminate TLS in the pod)');
    }
    // TLS at the NLB: EMQX serves the decrypted stream on a plain listener of the same transport
    const emqxType = atNlb ? (l.type === ListenerType.SSL ? ListenerType.TCP : ListenerType.WS) : l.type;
    const emqxName = atNlb ? `nlb_${name}` : name;
    for (const key of new Set([`${l.type}.${name}`, `${emqxType}.${emqxName}`])) {
      if (seen.has(key)) {
        throw new EmqxSpecError(`${field}.name`, name, `listeners.${key} is already declared by ${seen.get(key)}`, 'give each listener of a type its own name');
      }
      seen.set(key, field);
    }
    const p = tcpPort(`${field}.port`, l.port ?? DEFAULT_LISTENER_PORTS[l.type]);
    if (ports.has(p)) {
      throw new EmqxSpecError(`${field}.port`, p, `port ${p} is already used by ${ports.get(p)}`, 'give every listener its own port; a port used twice makes EMQX fail at boot (eaddrinuse)');
    }
    ports.set(p, `listeners.${l.type}.${name}`);
    if (l.maxConnections !== undefined) wholeNumber(`${field}.maxConnections`, l.maxConnections, 1, 'omit it for no limit (EMQX: infinity)');
    const pn = portName(l.type, name);
    if (portNames.has(pn)) {
      throw new EmqxSpecError(`${field}.name`, name, `its port name '${pn}' collides with another listener's`, 'choose listener names that differ in their first characters');
    }
    portNames.add(pn);
    const ws = l.type === ListenerType.WS || l.type === ListenerType.WSS;
    const websocketPath = ws ? l.websocketPath ?? '/mqtt' : undefined;
    if (!ws && l.websocketPath !== undefined) throw new EmqxSpecError(`${field}.websocketPath`, l.websocketPath, `a ${l.type} listener has no WebSocket path`, 'remove it, or use a ws/wss listener');
    if (websocketPath !== undefined && !/^\/[A-Za-z0-9._~\-/]*$/.test(websocketPath)) {
      throw new EmqxSpecError(`${field}.websocketPath`, websocketPath, 'is not a URL path', "start it with '/', e.g. '/mqtt'");
    }
    if (l.allowFrom !== undefined && (!Array.isArray(l.allowFrom) || l.allowFrom.length === 0 || l.allowFrom.some((p) => !(p instanceof Peer)))) {
      throw new EmqxSpecError(`${field}.allowFrom`, l.allowFrom, 'needs a non-empty list of peers', 'use Peer.namespace(...), Peer.pods(...), Peer.cidr(...) or Peer.anywhere() (say it explicitly for the whole internet)');
    }
    const serviceName = exposure.kind === 'aws-nlb' ? `${ctx.clusterName}-${exposure.nlb!.name}` : ctx.listenerService;
    // an NLB Service named like one of ours would replace it on apply (with 'headless' the cluster cannot form)
    const taken = exposure.kind === 'aws-nlb' ? ctx.reservedServiceNames.get(serviceName) : undefined;
    if (taken) {
      throw new EmqxSpecError(`${field}.exposure.name`, exposure.nlb!.name, `its Service '${serviceName}' would replace ${taken}`, `name the exposure after its audience, e.g. 'public', 'devices' or 'plants' (not ${[...ctx.reservedServiceNames.keys()].map((n) => `'${n.slice(ctx.clusterName.length + 1)}'`).join(', ')})`);
    }
    return {
      type: l.type,
      name,
      emqxType,
      emqxName,
      port: p,
      portName: pn,
      maxConnections: l.maxConnections,
      limits: listenerLimits(field, l, ctx.version),
      proxyProtocol: atNlb ? true : l.proxyProtocol ?? false,
      websocketPath,
      exposure,
      serviceName,
      allowFrom: l.allowFrom,
      authentication: validateAuthenticators(`${field}.authentication`, l.authentication),
      tls: !tls ? undefined
        : atNlb ? { terminatesAt: 'nlb', certificateArns: tls.options.certificateArns!, sslPolicy: tls.options.sslPolicy! }
          : resolvePodTls(ctx, `${field}`, tls, pn, exposure, serviceName),
    };
  });
}

/**
 * Groups listeners by NLB. Listeners sharing one NLB share one Service, so they must agree on its
 * settings, on PROXY protocol (the annotation covers every target group) and on the NLB's TLS certificate.
 */
export function groupNlbListeners(listeners: ResolvedListener[]): Map<string, ResolvedListener[]> {
  const byName = new Map<string, ResolvedListener[]>();
  listeners.forEach((l, i) => {
    if (l.exposure.kind !== 'aws-nlb') return;
    const group = byName.get(l.exposure.nlb!.name);
    if (!group) {
      byName.set(l.exposure.nlb!.name, [l]);
      return;
    }
    const first = group[0];
    const nlbName = l.exposure.nlb!.name;
    if (JSON.stringify(first.exposure) !== JSON.stringify(l.exposure)) {
      throw new EmqxSpecError(`listeners[${i}].exposure`, l.exposure.nlb, `NLB '${nlbName}' is declared with different settings by listeners.${first.type}.${first.name}`, 'pass the same Exposure object to every listener on that NLB, or give this one another name');
    }
    if (first.proxyProtocol !== l.proxyProtocol) {
      const why = [first, l].some((x) => x.tls?.terminatesAt === 'nlb') ? ' (TLS at the NLB turns it on)' : '';
      throw new EmqxSpecError(`listeners[${i}].proxyProtocol`, l.proxyProtocol, `NLB '${nlbName}' sends PROXY protocol to all its targets or to none${why}, but listeners.${first.type}.${first.name} says ${first.proxyProtocol}`, 'set proxyProtocol the same on every listener of one NLB, or put this listener on another NLB');
    }
    const nlbTls = group.concat(l).map((x) => x.tls).filter((t): t is ResolvedNlbTls => t?.terminatesAt === 'nlb');
    if (nlbTls.length > 1 && JSON.stringify(nlbTls[0]) !== JSON.stringify(nlbTls[nlbTls.length - 1])) {
      throw new EmqxSpecError(`listeners[${i}].tls`, nlbTls[nlbTls.length - 1].certificateArns, `NLB '${nlbName}' has one certificate list and security policy for all its TLS ports, and another listener on it uses ${JSON.stringify(nlbTls[0])}`, 'pass the same Tls.atNlb(...) to every listener of one NLB');
    }
    group.push(l);
  });
  for (const [name, group] of byName) {
    const idle = group[0].exposure.nlb!.idleTimeoutSeconds;
    if (idle !== undefined && group.every((l) => l.tls?.terminatesAt === 'nlb')) {
      throw new EmqxSpecError('exposure.idleTimeoutSeconds', idle, `NLB '${name}' has only TLS listeners, whose idle timeout AWS fixes at ${NLB_DEFAULT_IDLE_TIMEOUT_SECONDS} s`, 'remove idleTimeoutSeconds, or keep device keepalives below 350 s');
    }
  }
  return byName;
}

/** The idle timeout, in seconds, that the NLB applies to a listener's connections. */
export function nlbIdleTimeoutSeconds(l: ResolvedListener): number | undefined {
  if (l.exposure.kind !== 'aws-nlb') return undefined;
  if (l.tls?.terminatesAt === 'nlb') return NLB_DEFAULT_IDLE_TIMEOUT_SECONDS;
  return l.exposure.nlb!.idleTimeoutSeconds ?? NLB_DEFAULT_IDLE_TIMEOUT_SECONDS;
}
