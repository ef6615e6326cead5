import { EmqxSpecError } from '../validation/emqx-spec-error';
import { ClusterLabels } from './cluster-labels';
import { ResolvedEmqxCluster } from './emqx-cluster-spec';
import { ResolvedListener, ResolvedNlbTls } from './resolve-listeners';

const ANN = 'service.beta.kubernetes.io/aws-load-balancer-';
/** The annotation the library puts on an NLB Service with its public name (Route53 records follow it). */
export const HOSTNAME_ANNOTATION = 'emqx-constructs.io/hostname';
/** The NLB Service annotation with the ACM certificate ARNs of its TLS listeners. */
export const NLB_SSL_CERT_ANNOTATION = `${ANN}ssl-cert`;

/** A listener Service's port, targeting the container's named port. */
export interface ListenerServicePort {
  /** The port's name. */
  readonly name: string;
  /** The Service port. */
  readonly port: number;
  /** The container port's name. */
  readonly targetPort: string;
  /** Always TCP. */
  readonly protocol: 'TCP';
}

/**
 * A client listener Service, framework-free: rendered as our own Service by the native backend (and
 * by the operator backend when the operator's single listener Service cannot carry it), or as the
 * EMQX Operator's `listenersServiceTemplate`.
 */
export interface ListenerServiceShape {
  /** The Service's name. */
  readonly name: string;
  /** The Service's labels. */
  readonly labels: Record<string, string>;
  /** The Service's annotations (NLB settings). @default - none */
  readonly annotations?: Record<string, string>;
  /** `ClusterIP` in the cluster, `LoadBalancer` for an NLB. */
  readonly type: 'ClusterIP' | 'LoadBalancer';
  /** The load balancer class, when one is named. @default - none */
  readonly loadBalancerClass?: string;
  /** `Local` keeps client addresses (NLB). @default - none */
  readonly externalTrafficPolicy?: 'Local' | 'Cluster';
  /** The CIDRs the NLB admits. @default - none */
  readonly loadBalancerSourceRanges?: string[];
  /** Replicants when there are any, else cores. */
  readonly selector: Record<string, string>;
  /** The Service's ports. */
  readonly ports: ListenerServicePort[];
}

function ports(listeners: ResolvedListener[]): ListenerServicePort[] {
  return listeners.map((l) => ({ name: l.portName, port: l.port, targetPort: l.portName, protocol: 'TCP' }));
}

/** The in-cluster ClusterIP Service (`<name>-mqtt`) of the listeners exposed with `Exposure.clusterIp()`. */
export function clusterIpListenerServiceShape(c: ResolvedEmqxCluster, listeners: ResolvedListener[]): ListenerServiceShape {
  const labels = new ClusterLabels(c);
  const annotations = c.serviceAnnotations.mqtt;
  return { name: c.names.listenerService, labels: labels.metadata('listeners'), ...(Object.keys(annotations).length ? { annotations } : {}), type: 'ClusterIP', selector: labels.clientFacing, ports: ports(listeners) };
}

/**
 * The `LoadBalancer` Service of the listeners on one AWS NLB (AWS Load Balancer Controller, IP
 * targets), named `<cluster>-<exposure name>`. Listeners with `Tls.atNlb()` become NLB TLS listeners
 * (ACM certificate, security policy) that forward plain MQTT with PROXY protocol v2 to EMQX.
 */
export function nlbListenerServiceShape(c: ResolvedEmqxCluster, listeners: ResolvedListener[]): ListenerServiceShape {
  const nlb = listeners[0].exposure.nlb!;
  const labels = new ClusterLabels(c);
  const annotations: Record<string, string> = {
    [`${ANN}nlb-target-type`]: 'ip',
    [`${ANN}scheme`]: nlb.scheme ?? 'internal',
    [`${ANN}attributes`]: `load_balancing.cross_zone.enabled=${nlb.crossZone ?? true}`,
  };
  // IP targets do not keep the client address unless the target group is told to
  if (nlb.preserveClientIp ?? true) annotations[`${ANN}target-group-attributes`] = 'preserve_client_ip.enabled=true';
  if (!nlb.loadBalancerClass) annotations[`${ANN}type`] = 'external';
  // the NLB sends PROXY protocol v2 (its only version) to every target group of the Service
  if (listeners[0].proxyProtocol) annotations[`${ANN}proxy-protocol`] = '*';
  const tlsAtNlb = listeners.filter((l) => l.tls?.terminatesAt === 'nlb');
  if (tlsAtNlb.length) {
    const tls = tlsAtNlb[0].tls as ResolvedNlbTls;
    annotations[NLB_SSL_CERT_ANNOTATION] = tls.certificateArns.join(',');
    annotations[`${ANN}ssl-ports`] = tlsAtNlb.map((l) => String(l.port)).join(',');
    annotations[`${ANN}ssl-negotiation-policy`] = tls.sslPolicy;
  }
  if (nlb.idleTimeoutSeconds !== undefined) {
    // TLS listeners keep AWS's fixed 350 s; the attribute exists for TCP listeners only
    for (const l of listeners.filter((x) => x.tls?.terminatesAt !== 'nlb')) {
      annotations[`${ANN}listener-attributes.TCP-${l.port}`] = `tcp.idle_timeout.seconds=${nlb.idleTimeoutSeconds}`;
    }
  }
  if (nlb.hostname) annotations[HOSTNAME_ANNOTATION] = nlb.hostname;
  return {
    name: listeners[0].serviceName,
    labels: labels.metadata('listeners'),
    // the user's annotations (every listener on one NLB has the same Exposure: resolveListeners checks it), merged with ours
    annotations: mergeServiceAnnotations(`exposure '${nlb.name}'.annotations`, annotations, nlb.annotations ?? {}),
    type: 'LoadBalancer',
    loadBalancerClass: nlb.loadBalancerClass,
    externalTrafficPolicy: (nlb.preserveClientIp ?? true) ? 'Local' : 'Cluster',
    loadBalancerSourceRanges: nlb.sourceRanges,
    selector: labels.clientFacing,
    ports: ports(listeners),
  };
}

/** The option that makes the library write each NLB annotation, for errors that name it. */
const SET_BY: Record<string, string> = {
  [`${ANN}nlb-target-type`]: 'the library (IP targets, which the NetworkPolicies and PROXY protocol rely on)',
  [`${ANN}scheme`]: 'Exposure.awsNlb({ scheme })',
  [`${ANN}attributes`]: 'Exposure.awsNlb({ crossZone })',
  [`${ANN}target-group-attributes`]: 'Exposure.awsNlb({ preserveClientIp })',
  [`${ANN}type`]: 'Exposure.awsNlb({ loadBalancerClass })',
  [`${ANN}proxy-protocol`]: "the listener's proxyProtocol (or Tls.atNlb)",
  [NLB_SSL_CERT_ANNOTATION]: 'Tls.atNlb({ certificateArns })',
  [`${ANN}ssl-ports`]: 'the listeners with Tls.atNlb',
  [`${ANN}ssl-negotiation-policy`]: 'Tls.atNlb({ sslPolicy })',
  [HOSTNAME_ANNOTATION]: 'Exposure.awsNlb({ hostname })',
};

/**
 * A Service's annotations: ours, then the user's. For `...attributes` annotations (comma-separated `key=value`
 * pairs) the user's pairs are added to ours; any other key the library sets must keep its value. A contradiction
 * is an error naming the user's annotation and the option that sets ours.
 */
export function mergeServiceAnnotations(field: string, ours: Record<string, string>, theirs: Record<string, string>): Record<string, string> {
  const out = { ...ours };
  for (const [k, v] of Object.entries(theirs)) {
    if (!(k in ours)) {
      out[k] = v;
      continue;
    }
    const setBy = SET_BY[k] ?? (k.startsWith(`${ANN}listener-attributes.`) ? 'Exposure.awsNlb({ idleTimeoutSeconds })' : 'the library');
    if (k.endsWith('attributes')) {
      const pairs = new Map(ours[k].split(',').map((p) => p.split('=') as [string, string]));
      for (const pair of v.split(',').map((p) => p.trim()).filter(Boolean)) {
        const [a, value] = pair.split('=');
        if (value === undefined) throw new EmqxSpecError(`${field}.${k}`, v, `has '${pair}', which is not key=value`, 'write the attributes as key=value pairs separated by commas');
        if (pairs.has(a) && pairs.get(a) !== value) {
          throw new EmqxSpecError(`${field}.${k}`, v, `sets ${a}=${value}, and the library sets ${a}=${pairs.get(a)} from ${setBy}`, `change it there instead, or leave ${a} out`);
        }
        pairs.set(a, value);
      }
      out[k] = [...pairs].map(([a, value]) => `${a}=${value}`).join(',');
    } else if (ours[k] !== v) {
      throw new EmqxSpecError(`${field}.${k}`, v, `contradicts ${JSON.stringify(ours[k])}, which the library sets from ${setBy}`, 'change that setting instead, or remove the annotation');
    }
  }
  return out;
}

/** Every listener Service of a cluster: the ClusterIP one (if any listener is in-cluster), then one per NLB. */
export function listenerServiceShapes(c: ResolvedEmqxCluster): ListenerServiceShape[] {
  const internal = c.listeners.filter((l) => l.exposure.kind === 'cluster-ip');
  return [
    ...(internal.length ? [clusterIpListenerServiceShape(c, internal)] : []),
    ...[...c.nlbListeners.values()].map((ls) => nlbListenerServiceShape(c, ls)),
  ];
}

/**
 * Which listener Services the EMQX Operator's one `listenersServiceTemplate` carries. The operator
 * adds the port of **every** enabled listener to that Service (ports read from the running config,
 * controllers/apps/v2beta1/add_svc.go), so it can carry the listeners only when they all share one
 * exposure; otherwise a listener meant for in-cluster clients would also be on the public NLB. Then
 * the template is disabled and every listener Service is our own, as with the native backend.
 */
export function operatorListenerServicePlan(shapes: ListenerServiceShape[]): { template?: ListenerServiceShape; own: ListenerServiceShape[] } {
  return shapes.length === 1 ? { template: shapes[0], own: [] } : { own: shapes };
}

/** `{ annotations }` when there are any (so objects without them keep no empty field). */
export function nonEmptyAnnotations(annotations: Record<string, string>): { annotations?: Record<string, string> } {
  return Object.keys(annotations).length ? { annotations } : {};
}
