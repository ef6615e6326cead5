// The PromQL syntax check the library uses for users' alert rules (lib/monitoring/promql-syntax.ts): the Prometheus
// project's own grammar, an oracle independent of our expression builder.
export { promqlSyntaxErrors as promqlErrors } from '../../lib/monitoring/promql-syntax';
