/**
 * A small typed subset of PromQL used to write the alert rules and dashboard queries once: each
 * expression renders to PromQL text (checked by the Prometheus project's own parser in the tests)
 * and can be evaluated against fixture series, so every alert's logic is tested against samples
 * without a Prometheus server. Semantics follow Prometheus for this subset: instant selectors with
 * `=`/`=~` matchers and `offset`, `rate` over a counter, `sum/max/min/count [by]`, arithmetic and
 * filtering comparisons between vectors (one-to-one on identical label sets) and scalars, `and`,
 * and `time()`.
 */

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

type Value = { kind: 'scalar'; value: number } | { kind: 'vector'; samples: Sample[] };

/** Renders seconds as a PromQL duration (`30s`, `5m`, `1h`, `14d`). */
export function promDuration(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0 && seconds >= size) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

function key(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

/** A PromQL expression of the subset. */
export abstract class PromExpr {
  /** The PromQL text. */
  public abstract toString(): string;
  /** Evaluates at `offset` seconds before the context's now. */
  public abstract evaluate(ctx: EvalContext, offset?: number): Value;

  /** True for operators that need parentheses when used as an operand. */
  protected get compound(): boolean {
    return false;
  }

  /** The vector samples of this expression (an error when it is a scalar). */
  public samples(ctx: EvalContext): Sample[] {
    const v = this.evaluate(ctx, 0);
    if (v.kind !== 'vector') throw new Error(`${this} is a scalar`);
    return v.samples;
  }

  public add(rhs: PromExpr | number): PromExpr { return new Binary('+', this, lift(rhs)); }
  public sub(rhs: PromExpr | number): PromExpr { return new Binary('-', this, lift(rhs)); }
  public mul(rhs: PromExpr | number): PromExpr { return new Binary('*', this, lift(rhs)); }
  public div(rhs: PromExpr | number): PromExpr { return new Binary('/', this, lift(rhs)); }
  public gt(rhs: PromExpr | number): PromExpr { return new Binary('>', this, lift(rhs)); }
  public lt(rhs: PromExpr | number): PromExpr { return new Binary('<', this, lift(rhs)); }
  public eq(rhs: PromExpr | number): PromExpr { return new Binary('==', this, lift(rhs)); }
  public ne(rhs: PromExpr | number): PromExpr { return new Binary('!=', this, lift(rhs)); }
  /** Samples of this vector whose label set also appears on the right. */
  public and(rhs: PromExpr): PromExpr { return new Binary('and', this, rhs); }

  /** Wraps compound operands in parentheses. */
  public operand(): string {
    return this.compound ? `(${this})` : this.toString();
  }
}

function lift(v: PromExpr | number): PromExpr {
  return typeof v === 'number' ? new NumberLiteral(v) : v;
}

/** A number. */
export class NumberLiteral extends PromExpr {
  constructor(public readonly value: number) { super(); }
  public toString(): string { return formatNumber(this.value); }
  public evaluate(): Value { return { kind: 'scalar', value: this.value }; }
}

/** `time()`: the evaluation time in Unix seconds. */
export class Time extends PromExpr {
  public toString(): string { return 'time()'; }
  public evaluate(ctx: EvalContext, offset = 0): Value { return { kind: 'scalar', value: ctx.now - offset }; }
}

/** A label matcher: `=` (equal) or `=~` (fully anchored regular expression). */
export interface Matcher {
  readonly label: string;
  readonly op: '=' | '=~';
  readonly value: string;
}

function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** An instant vector selector, optionally shifted with `offset`. */
export class Selector extends PromExpr {
  constructor(public readonly metric: string, public readonly matchers: readonly Matcher[] = [], public readonly offsetSeconds = 0) {
    super();
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) throw new Error(`not a metric name: ${metric}`);
  }

  /** The same selector `seconds` earlier. */
  public offset(seconds: number): Selector {
    return new Selector(this.metric, this.matchers, seconds);
  }

  /** Adds matchers. */
  public where(...matchers: Matcher[]): Selector {
    return new Selector(this.metric, [...this.matchers, ...matchers], this.offsetSeconds);
  }

  public toString(): string {
    const m = this.matchers.map((x) => `${x.label}${x.op}"${escapeString(x.value)}"`).join(', ');
    return `${this.metric}${m ? `{${m}}` : ''}${this.offsetSeconds ? ` offset ${promDuration(this.offsetSeconds)}` : ''}`;
  }

  /** Whether a fixture series is selected. */
  public selects(s: SeriesFixture): boolean {
    return s.metric === this.metric && this.matchers.every((m) => {
      const v = s.labels?.[m.label] ?? '';
      return m.op === '=' ? v === m.value : new RegExp(`^(?:${m.value})$`).test(v);
    });
  }

  public evaluate(ctx: EvalContext, offset = 0): Value {
    const at = offset + this.offsetSeconds;
    const samples: Sample[] = [];
    for (const s of ctx.series) {
      if (!this.selects(s)) continue;
      const value = ctx.valueAt(s, at);
      if (value !== undefined) samples.push({ labels: { ...(s.labels ?? {}) }, value });
    }
    return { kind: 'vector', samples };
  }
}

/** `rate(selector[window])` of a counter (a drop counts as a reset, as in Prometheus). */
export class Rate extends PromExpr {
  constructor(public readonly selector: Selector, public readonly windowSeconds: number) { super(); }
  public toString(): string {
    const s = this.selector;
    const inner = new Selector(s.metric, s.matchers).toString();
    return `rate(${inner}[${promDuration(this.windowSeconds)}]${s.offsetSeconds ? ` offset ${promDuration(s.offsetSeconds)}` : ''})`;
  }
  public evaluate(ctx: EvalContext, offset = 0): Value {
    const at = offset + this.selector.offsetSeconds;
    const samples: Sample[] = [];
    for (const s of ctx.series) {
      if (!this.selector.selects(s)) continue;
      const now = ctx.valueAt(s, at);
      const before = ctx.valueAt(s, at + this.windowSeconds);
      if (now === undefined || before === undefined) continue;
      const increase = now >= before ? now - before : now;
      samples.push({ labels: { ...(s.labels ?? {}) }, value: increase / this.windowSeconds });
    }
    return { kind: 'vector', samples };
  }
}

/** `sum|max|min|count [by (labels)] (expr)`. */
export class Aggregation extends PromExpr {
  constructor(public readonly op: 'sum' | 'max' | 'min' | 'count', public readonly expr: PromExpr, public readonly by: readonly string[] = []) { super(); }
  public toString(): string {
    return `${this.op}${this.by.length ? ` by (${this.by.join(', ')})` : ''}(${this.expr})`;
  }
  public evaluate(ctx: EvalContext, offset = 0): Value {
    const inner = this.expr.evaluate(ctx, offset);
    if (inner.kind !== 'vector') throw new Error(`${this.op} needs a vector: ${this.expr}`);
    const groups = new Map<string, { labels: Labels; values: number[] }>();
    for (const s of inner.samples) {
      const labels = Object.fromEntries(this.by.filter((l) => s.labels[l] !== undefined).map((l) => [l, s.labels[l]]));
      const k = key(labels);
      const g = groups.get(k) ?? { labels, values: [] };
      g.values.push(s.value);
      groups.set(k, g);
    }
    const reduce = { sum: (v: number[]) => v.reduce((a, b) => a + b, 0), max: (v: number[]) => Math.max(...v), min: (v: number[]) => Math.min(...v), count: (v: number[]) => v.length }[this.op];
    return { kind: 'vector', samples: [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) })) };
  }
}

type BinaryOp = '+' | '-' | '*' | '/' | '>' | '<' | '==' | '!=' | 'and';
const COMPARISON = new Set<BinaryOp>(['>', '<', '==', '!=']);

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

/** A binary operation; comparisons filter (no `bool`), vectors match one-to-one on their label sets. */
export class Binary extends PromExpr {
  constructor(public readonly op: BinaryOp, public readonly lhs: PromExpr, public readonly rhs: PromExpr) { super(); }
  protected get compound(): boolean { return true; }
  public toString(): string {
    return `${this.lhs.operand()} ${this.op} ${this.rhs.operand()}`;
  }
  public evaluate(ctx: EvalContext, offset = 0): Value {
    const l = this.lhs.evaluate(ctx, offset);
    const r = this.rhs.evaluate(ctx, offset);
    const cmp = COMPARISON.has(this.op);
    if (l.kind === 'scalar' && r.kind === 'scalar') {
      if (cmp || this.op === 'and') throw new Error(`PromQL needs bool to compare scalars: ${this}`);
      return { kind: 'scalar', value: apply(this.op, l.value, r.value) as number };
    }
    if (this.op === 'and') {
      if (l.kind !== 'vector' || r.kind !== 'vector') throw new Error(`and needs vectors: ${this}`);
      const right = new Set(r.samples.map((s) => key(s.labels)));
      return { kind: 'vector', samples: l.samples.filter((s) => right.has(key(s.labels))) };
    }
    const out: Sample[] = [];
    if (l.kind === 'vector' && r.kind === 'scalar') {
      for (const s of l.samples) {
        const v = apply(this.op, s.value, r.value);
        if (cmp) { if (v) out.push(s); } else out.push({ labels: s.labels, value: v as number });
      }
    } else if (l.kind === 'scalar' && r.kind === 'vector') {
      for (const s of r.samples) {
        const v = apply(this.op, l.value, s.value);
        if (cmp) { if (v) out.push(s); } else out.push({ labels: s.labels, value: v as number });
      }
    } else if (l.kind === 'vector' && r.kind === 'vector') {
      const right = new Map(r.samples.map((s) => [key(s.labels), s]));
      for (const s of l.samples) {
        const m = right.get(key(s.labels));
        if (!m) continue;
        const v = apply(this.op, s.value, m.value);
        if (cmp) { if (v) out.push(s); } else out.push({ labels: s.labels, value: v as number });
      }
    }
    return { kind: 'vector', samples: out };
  }
}

/** `metric{matchers}`. */
export function metric(name: string, matchers: Record<string, string> = {}): Selector {
  return new Selector(name, Object.entries(matchers).map(([label, value]) => ({ label, op: '=' as const, value })));
}

/** A `=~` matcher. */
export function matchesRegex(label: string, value: string): Matcher {
  return { label, op: '=~', value };
}

/** `rate(selector[window])`. */
export function rate(selector: Selector, windowSeconds: number): Rate {
  return new Rate(selector, windowSeconds);
}

/** `sum [by] (expr)`. */
export function sum(expr: PromExpr, by: string[] = []): Aggregation { return new Aggregation('sum', expr, by); }
/** `max [by] (expr)`. */
export function max(expr: PromExpr, by: string[] = []): Aggregation { return new Aggregation('max', expr, by); }
/** `min [by] (expr)`. */
export function min(expr: PromExpr, by: string[] = []): Aggregation { return new Aggregation('min', expr, by); }
/** `count [by] (expr)`. */
export function count(expr: PromExpr, by: string[] = []): Aggregation { return new Aggregation('count', expr, by); }
/** `time()`. */
export function time(): Time { return new Time(); }
