import { Finding } from './emqx-check';

function status(f: Finding): string {
  if (f.acknowledged !== undefined) return 'ack';
  return f.severity === 'error' ? 'ERROR' : 'warn';
}

/**
 * The human report: one row per finding (status, check id, cluster, what fired), then the fix of each
 * unacknowledged one. Acknowledged findings show their reason. Empty string when there is nothing.
 */
export function formatFindingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const rows = findings.map((f) => [status(f), f.id, f.cluster, f.acknowledged !== undefined ? `${f.message} — acknowledged: ${f.acknowledged}` : f.message]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  '));
  const fixes = [...new Map(findings.filter((f) => f.acknowledged === undefined).map((f) => [f.id, f])).values()].map((f) => `  ${f.id}: ${f.summary} Fix: ${f.fix}`);
  const counts = (['error', 'warning'] as const).map((s) => `${findings.filter((f) => f.severity === s && f.acknowledged === undefined).length} ${s}(s)`);
  const acked = findings.filter((f) => f.acknowledged !== undefined).length;
  return [
    `emqx-constructs checks: ${counts.join(', ')}, ${acked} acknowledged (see docs/CHECKS.md)`,
    ...lines.map((l) => `  ${l}`),
    ...(fixes.length ? ['', ...fixes] : []),
    '',
  ].join('\n');
}

/** The machine-readable report (`writeReports()` writes it where the caller chooses, outside the manifests folder). */
export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
