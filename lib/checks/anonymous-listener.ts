import { EmqxCheck } from './emqx-check';

/** EMQX with an empty authentication chain lets every client in. */
export const AnonymousListener: EmqxCheck = {
  id: 'EMQX-AnonymousListener',
  severity: 'error',
  summary: 'A listener on an NLB accepts clients without authentication.',
  explanation:
    'With no authenticator in the chain (the cluster\'s or the listener\'s own), EMQX accepts every CONNECT: anyone who reaches the NLB can publish commands to machines and read all telemetry. Client certificates (mutual TLS) count as authentication.',
  fix: 'Add authentication (Authenticator.http/jwt/builtInDatabase) to the cluster or the listener, or require client certificates (Tls.certManager({ mutualTls })).',
  run: ({ cluster }) =>
    cluster.listeners
      .filter((l) => l.exposure.kind === 'aws-nlb')
      .filter((l) => (l.authentication.length ? l.authentication : cluster.authentication).length === 0)
      .filter((l) => !(l.tls?.terminatesAt === 'pod' && l.tls.mutual))
      .map((l) => `listeners.${l.type}.${l.name} on NLB '${l.exposure.nlb!.name}'`),
};
