import { Acknowledgement } from '../model/acknowledgement';
import { AcknowledgementUnknown } from './acknowledgement-unknown';
import { AcknowledgementUnused } from './acknowledgement-unused';
import { ALL_CHECKS } from './all-checks';
import { CheckInput, CheckMetadata, EmqxCheck, Finding } from './emqx-check';

function finding(meta: CheckMetadata, cluster: string, message: string, acknowledged?: string): Finding {
  return { id: meta.id, severity: meta.severity, cluster, summary: meta.summary, message, fix: meta.fix, acknowledged };
}

/**
 * Runs the checks over one cluster and applies its acknowledgements. Acknowledged findings stay in
 * the result (marked with the reason); acknowledgements that name no check, or a check that does not
 * fire, are findings themselves.
 */
export function runChecks(input: CheckInput, checks: readonly EmqxCheck[] = ALL_CHECKS): Finding[] {
  const cluster = `${input.cluster.namespace}/${input.cluster.name}`;
  const acks = new Map<string, Acknowledgement>(input.cluster.acknowledgements.map((a) => [a.id, a]));
  const findings: Finding[] = [];
  const fired = new Set<string>();
  for (const check of checks) {
    for (const message of check.run(input)) {
      fired.add(check.id);
      findings.push(finding(check, cluster, message, acks.get(check.id)?.reason));
    }
  }
  const known = new Set(checks.map((c) => c.id));
  for (const a of acks.values()) {
    if (!known.has(a.id)) findings.push(finding(AcknowledgementUnknown, cluster, `acknowledgement '${a.id}' (${a.reason})`));
    else if (!fired.has(a.id)) findings.push(finding(AcknowledgementUnused, cluster, `acknowledgement '${a.id}' (${a.reason})`));
  }
  return findings;
}

/** The findings that fail synthesis: unacknowledged errors. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && f.acknowledged === undefined);
}
