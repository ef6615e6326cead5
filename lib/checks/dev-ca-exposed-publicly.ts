import { EmqxCheck } from './emqx-check';

/** The development CA is for labs; an internet-facing listener needs a CA devices can trust for years. */
export const DevCaExposedPublicly: EmqxCheck = {
  id: 'EMQX-DevCaExposedPublicly',
  severity: 'warning',
  summary: 'A listener on an internet-facing NLB uses the self-signed development CA.',
  explanation:
    'Tls.selfSignedCa() creates a CA inside the namespace: nothing outside vouches for it, deleting the namespace destroys it, and every device would have to pin it.',
  fix: "Use Tls.certManager({ clusterIssuer: '<your CA or ACME issuer>' }) for public listeners.",
  run: ({ cluster }) =>
    cluster.listeners
      .filter((l) => l.tls?.terminatesAt === 'pod' && l.tls.certificate?.issuerRef.name === cluster.names.devCa && l.exposure.nlb?.scheme === 'internet-facing')
      .map((l) => `listeners.${l.type}.${l.name}`),
};
