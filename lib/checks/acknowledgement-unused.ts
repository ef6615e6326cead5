import { CheckMetadata } from './emqx-check';

/** Reported by the checks run (not a rule over the spec). */
export const AcknowledgementUnused: CheckMetadata = {
  id: 'EMQX-AcknowledgementUnused',
  severity: 'warning',
  summary: 'An acknowledgement is for a check that does not fire for this cluster.',
  explanation: 'A stale acknowledgement would silently accept the finding if the problem came back later, without anyone re-reading the reason.',
  fix: 'Remove the acknowledgement.',
};
