// A PromQL syntax check with the Prometheus project's own grammar (@prometheus-io/lezer-promql, the parser of
// Prometheus' web UI), for the alert rules users add next to ours. Loaded on first use: a program without its own
// rules never reads it.

/** The offsets of the syntax errors of a PromQL expression (empty when it parses). */
export function promqlSyntaxErrors(text: string): number[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parser } = require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql');
  const errors: number[] = [];
  parser.parse(text).iterate({ enter: (n) => { if (n.type.isError) errors.push(n.from); } });
  return errors;
}
