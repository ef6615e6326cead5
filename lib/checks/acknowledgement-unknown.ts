import { CheckMetadata } from './emqx-check';

/** Reported by the checks run (not a rule over the spec). */
export const AcknowledgementUnknown: CheckMetadata = {
  id: 'EMQX-AcknowledgementUnknown',
  severity: 'warning',
  summary: 'An acknowledgement names a check id that does not exist.',
  explanation: 'A misspelt id acknowledges nothing: the finding it was meant for still fires, and the stray acknowledgement hides the mistake in review.',
  fix: 'Copy the id from the finding or docs/CHECKS.md, or remove the acknowledgement.',
};
