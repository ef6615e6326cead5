import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { ResolvedListener } from '../model/resolve-listeners';
import { EmqxCheck } from './emqx-check';

/** Whether a listener authenticates its clients: an authenticator chain (its own or the cluster's) or required client certificates. */
function authenticates(c: ResolvedEmqxCluster, l: ResolvedListener): boolean {
  return (l.authentication.length ? l.authentication : c.authentication).length > 0 || (l.tls?.terminatesAt === 'pod' && l.tls.mutual);
}

/** Whether authorization decides by who a client says it is (usernames, client ids), so a claimed identity gets its rights. */
function keysOnIdentity(c: ResolvedEmqxCluster): boolean {
  return c.authorization.sources.some((s) => s.kind !== 'file' || s.rules.some((r) =>
    (r.who !== 'all' && !('ipaddr' in r.who)) || r.topics.some((t) => /\$\{(username|clientid)\}/.test(typeof t === 'string' ? t : t.eq))));
}

const id = (l: ResolvedListener) => `listeners.${l.type}.${l.name}`;

/**
 * EMQX with an empty authentication chain lets every client in. That is an error on an NLB, next to listeners
 * that authenticate (the open one bypasses them), and wherever authorization trusts the claimed identity.
 */
export const AnonymousListener: EmqxCheck = {
  id: 'EMQX-AnonymousListener',
  severity: 'error',
  summary: 'A listener accepts clients without authentication where that opens the cluster: on an NLB, next to listeners that authenticate, or where authorization trusts usernames or client ids.',
  explanation:
    "With no authenticator in the chain (the cluster's or the listener's own), EMQX accepts every CONNECT. On an NLB anyone who reaches it can publish commands to machines and read all telemetry. In the cluster, an open listener next to authenticating ones lets a client that should need a password or certificate connect there instead, and when ACL rules key on usernames or client ids (or an HTTP or built-in-database source decides by them), a client that merely claims a name gets that name's rights (seen on EMQX 5.8.9: a client claiming a plant's bridge user on the hub's open listener read that plant's commands). Client certificates (mutual TLS) count as authentication.",
  fix: "Add authentication (Authenticator.http/jwt/builtInDatabase) to the cluster or to the listener, require client certificates (Tls.certManager({ mutualTls })), remove the listener, or acknowledge it with the reason it may stay open (e.g. 'in-cluster telemetry readers, NetworkPolicy admits only the ingest namespace').",
  run: ({ cluster }) => {
    const open = cluster.listeners.filter((l) => !authenticates(cluster, l));
    const closed = cluster.listeners.filter((l) => authenticates(cluster, l));
    const identity = keysOnIdentity(cluster);
    return open.map((l) => {
      if (l.exposure.kind === 'aws-nlb') return `${id(l)} on NLB '${l.exposure.nlb!.name}'`;
      if (identity) return `${id(l)} (in-cluster) takes clients without a credential while authorization keys on usernames or client ids: any client can claim another's identity and rights`;
      if (closed.length) return `${id(l)} (in-cluster) takes anonymous clients while ${closed.map(id).join(', ')} authenticate${closed.length === 1 ? 's' : ''}: clients can bypass them`;
      return undefined;
    }).filter((m): m is string => m !== undefined);
  },
};
