import { EmqxCheck } from './emqx-check';

/** Public TLS without client certificates leaves device identity to passwords alone. */
export const PublicTlsWithoutClientCertificates: EmqxCheck = {
  id: 'EMQX-PublicTlsWithoutClientCertificates',
  severity: 'warning',
  summary: 'A TLS listener on an internet-facing NLB does not verify client certificates (verify_none).',
  explanation:
    'Anyone on the internet can complete the TLS handshake and try credentials; a leaked device password works from anywhere. Industrial devices usually carry a certificate that can prove their identity instead (and AWS NLBs cannot check client certificates, so this needs TLS in the pod).',
  fix: 'Add mutualTls to the listener\'s Tls.certManager()/Tls.fromSecret(), or acknowledge with the authentication you rely on (e.g. per-device JWT).',
  run: ({ cluster }) =>
    cluster.listeners
      .filter((l) => l.tls && l.exposure.nlb?.scheme === 'internet-facing' && !(l.tls.terminatesAt === 'pod' && l.tls.mutual))
      .map((l) => `listeners.${l.type}.${l.name} on NLB '${l.exposure.nlb!.name}'`),
};
