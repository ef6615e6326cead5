// The tests' evaluator of the library's PromQL subset (lib/monitoring/promql.ts), over fixture series, so every alert's
// logic is tested against samples without a Prometheus server. Semantics follow Prometheus for the subset: instant
// selectors with `=`/`=~` matchers and `offset`, `rate` over a counter (a drop is a reset), `sum/max/min/count [by]`,
// arithmetic and filtering comparisons between vectors (one-to-one on identical label sets) and scalars, `and`, and
// `time()`. Importing this module gives every expression `evaluate(ctx)` and `samples(ctx)`.
import { Aggregation, Binary, BinaryOp, NumberLiteral, PromExpr, Rate, Selector, Time } from '../../lib/monitoring/promql';

/** Label set of a series (the metric name is not part of it). */
export type Labels = Readonly<Record<string, string>>;

/** One sample of an instant vector. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

/** A series to evaluate against: values keyed by seconds before "now" (or one value at every time). */
export interface SeriesFixture {
  readonly metric: string;
  readonly labels?: Labels;
  readonly values: number | Readonly<Record<number, number>>;
}

/** The fixture series and the evaluation time. */
export class EvalContext {
  constructor(
    public readonly series: readonly SeriesFixture[],
    /** Unix time of "now", for `time()`. */
    public readonly now = 1_800_000_000,
  ) {}

  /** The value of a series `secondsAgo` before now, or undefined where it has no sample. */
  public valueAt(s: SeriesFixture, secondsAgo: number): number | undefined {
    return typeof s.values === 'number' ? s.values : s.values[secondsAgo];
  }
}

/** A value: a scalar or an instant vector. */
export type Value = { kind: 'scalar'; value: number } | { kind: 'vector'; samples: Sample[] };

declare module '../../lib/monitoring/promql' {
  interface PromExpr {
    /** Evaluates at `offset` seconds before the context's now (test/support/promql-eval.ts). */
    evaluate(ctx: EvalContext, offset?: number): Value;
    /** The vector samples of this expression (an error when it is a scalar). */
    samples(ctx: EvalContext): Sample[];
  }
}

const key = (labels: Labels) => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
const COMPARISON = new Set<BinaryOp>(['>', '<', '==', '!=']);

function selects(sel: Selector, s: SeriesFixture): boolean {
  return s.metric === sel.metric && sel.matchers.every((m) => {
    const v = s.labels?.[m.label] ?? '';
    return m.op === '=' ? v === m.value : new RegExp(`^(?:${m.value})$`).test(v);
  });
}

function apply(op: BinaryOp, a: number, b: number): number | boolean {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '>': return a > b;
    case '<': return a < b;
    case '==': return a === b;
    case '!=': return a !== b;
    default: throw new Error(`no scalar ${op}`);
  }
}

/** Evaluates an expression at `offset` seconds before now. */
export function evaluate(e: PromExpr, ctx: EvalContext, offset = 0): Value {
  if (e instanceof NumberLiteral) return { kind: 'scalar', value: e.value };
  if (e instanceof Time) return { kind: 'scalar', value: ctx.now - offset };
  if (e instanceof Selector) {
    const at = offset + e.offsetSeconds;
    const samples: Sample[] = [];
    for (const s of ctx.series) {
      if (!selects(e, s)) continue;
      const value = ctx.valueAt(s, at);
      if (value !== undefined) samples.push({ labels: { ...(s.labels ?? {}) }, value });
    }
    return { kind: 'vector', samples };
  }
  if (e instanceof Rate) {
    const at = offset + e.selector.offsetSeconds;
    const samples: Sample[] = [];
    for (const s of ctx.series) {
      if (!selects(e.selector, s)) continue;
      const now = ctx.valueAt(s, at);
      const before = ctx.valueAt(s, at + e.windowSeconds);
      if (now === undefined || before === undefined) continue;
      const increase = now >= before ? now - before : now;
      samples.push({ labels: { ...(s.labels ?? {}) }, value: increase / e.windowSeconds });
    }
    return { kind: 'vector', samples };
  }
  if (e instanceof Aggregation) {
    const inner = evaluate(e.expr, ctx, offset);
    if (inner.kind !== 'vector') throw new Error(`${e.op} needs a vector: ${e.expr}`);
    const groups = new Map<string, { labels: Labels; values: number[] }>();
    for (const s of inner.samples) {
      const labels = Object.fromEntries(e.by.filter((l) => s.labels[l] !== undefined).map((l) => [l, s.labels[l]]));
      const g = groups.get(key(labels)) ?? { labels, values: [] };
      g.values.push(s.value);
      groups.set(key(labels), g);
    }
    const reduce = { sum: (v: number[]) => v.reduce((a, b) => a + b, 0), max: (v: number[]) => Math.max(...v), min: (v: number[]) => Math.min(...v), count: (v: number[]) => v.length }[e.op];
    return { kind: 'vector', samples: [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) })) };
  }
  if (e instanceof Binary) {
    const l = evaluate(e.lhs, ctx, offset);
    const r = evaluate(e.rhs, ctx, offset);
    const cmp = COMPARISON.has(e.op);
    if (l.kind === 'scalar' && r.kind === 'scalar') {
      if (cmp || e.op === 'and') throw new Error(`PromQL needs bool to compare scalars: ${e}`);
      return { kind: 'scalar', value: apply(e.op, l.value, r.value) as number };
    }
    if (e.op === 'and') {
      if (l.kind !== 'vector' || r.kind !== 'vector') throw new Error(`and needs vectors: ${e}`);
      const right = new Set(r.samples.map((s) => key(s.labels)));
      return { kind: 'vector', samples: l.samples.filter((s) => right.has(key(s.labels))) };
    }
    const out: Sample[] = [];
    const push = (s: Sample, v: number | boolean) => {
      if (cmp) { if (v) out.push(s); } else out.push({ labels: s.labels, value: v as number });
    };
    if (l.kind === 'vector' && r.kind === 'scalar') for (const s of l.samples) push(s, apply(e.op, s.value, r.value));
    else if (l.kind === 'scalar' && r.kind === 'vector') for (const s of r.samples) push(s, apply(e.op, l.value, s.value));
    else if (l.kind === 'vector' && r.kind === 'vector') {
      const right = new Map(r.samples.map((s) => [key(s.labels), s]));
      for (const s of l.samples) {
        const m = right.get(key(s.labels));
        if (m) push(s, apply(e.op, s.value, m.value));
      }
    }
    return { kind: 'vector', samples: out };
  }
  throw new Error(`no evaluation for ${e.constructor.name}`);
}

PromExpr.prototype.evaluate = function evaluateThis(this: PromExpr, ctx: EvalContext, offset = 0): Value {
  return evaluate(this, ctx, offset);
};
PromExpr.prototype.samples = function samplesOfThis(this: PromExpr, ctx: EvalContext): Sample[] {
  const v = evaluate(this, ctx, 0);
  if (v.kind !== 'vector') throw new Error(`${this} is a scalar`);
  return v.samples;
};
