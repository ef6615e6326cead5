import { parser } from '@prometheus-io/lezer-promql';

/** Parses PromQL with the Prometheus project's own grammar; returns the positions of syntax errors (empty when valid). */
export function promqlErrors(text: string): number[] {
  const errors: number[] = [];
  parser.parse(text).iterate({ enter: (n) => { if (n.type.isError) errors.push(n.from); } });
  return errors;
}
