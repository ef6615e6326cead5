import * as pulumi from '@pulumi/pulumi';
import { Finding } from '../checks/emqx-check';

/** Logs check findings on a resource: warnings as warnings, acknowledged findings as info (errors never get here). */
export function logFindings(findings: Finding[], resource: pulumi.Resource): void {
  for (const f of findings) {
    const text = `${f.id} (${f.cluster}): ${f.message}`;
    if (f.acknowledged !== undefined) pulumi.log.info(`${text} — acknowledged: ${f.acknowledged}`, resource);
    else if (f.severity === 'warning') pulumi.log.warn(`${text}. ${f.summary} Fix: ${f.fix}`, resource);
  }
}
