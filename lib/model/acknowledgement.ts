import { EmqxSpecError } from '../validation/emqx-spec-error';

/**
 * Accepts the findings of one check for a cluster, with the reason it is acceptable here
 * (reported as acknowledged instead of failing or warning).
 */
export interface Acknowledgement {
  /** The check's id, e.g. `EMQX-CoreCountEven`. */
  readonly id: string;
  /** Why the finding is acceptable for this cluster: at least 10 characters, shown in every report. */
  readonly reason: string;
}

/** The shortest reason accepted. */
export const MIN_ACKNOWLEDGEMENT_REASON = 10;

/** Checks acknowledgements' shape (whether the ids exist and fire is reported by the checks run). */
export function validateAcknowledgements(acks: Acknowledgement[] | undefined): Acknowledgement[] {
  if (acks === undefined) return [];
  if (!Array.isArray(acks)) throw new EmqxSpecError('acknowledgements', acks, 'must be a list', "pass [{ id: 'EMQX-...', reason: '...' }]");
  const seen = new Set<string>();
  return acks.map((a, i) => {
    if (typeof a?.id !== 'string' || !/^EMQX-[A-Za-z0-9]+$/.test(a.id)) {
      throw new EmqxSpecError(`acknowledgements[${i}].id`, a?.id, 'is not a check id', "use the id from the finding, e.g. 'EMQX-CoreCountEven' (see docs/CHECKS.md)");
    }
    if (typeof a.reason !== 'string' || a.reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON) {
      throw new EmqxSpecError(`acknowledgements[${i}].reason`, a.reason, `must explain in at least ${MIN_ACKNOWLEDGEMENT_REASON} characters why the finding is acceptable`, 'write the reason a reviewer needs, e.g. "lab cluster, one zone only"');
    }
    if (seen.has(a.id)) throw new EmqxSpecError(`acknowledgements[${i}].id`, a.id, 'is acknowledged twice', 'keep one acknowledgement per check id');
    seen.add(a.id);
    return { id: a.id, reason: a.reason.trim() };
  });
}
