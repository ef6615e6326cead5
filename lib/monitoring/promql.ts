/**
 * A small typed subset of PromQL used to write the alert rules and dashboard queries once: each
 * expression renders to PromQL text (checked by the Prometheus project's own parser in the tests).
 * The subset: instant selectors with `=`/`=~` matchers and `offset`, `rate` over a counter,
 * `sum/max/min/count [by]`, arithmetic and filtering comparisons, `and`, and `time()`. The tests
 * evaluate these expressions against fixture series with an evaluator of their own
 * (test/support/promql-eval.ts), so every alert's logic is tested without a Prometheus server.
 */

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

/** A PromQL expression of the subset. */
export abstract class PromExpr {
  /** The PromQL text. */
  public abstract toString(): string;

  /** True for operators that need parentheses when used as an operand. */
  protected get compound(): boolean {
    return false;
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
}

/** `time()`: the evaluation time in Unix seconds. */
export class Time extends PromExpr {
  public toString(): string { return 'time()'; }
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
}

/** `rate(selector[window])` of a counter (a drop counts as a reset, as in Prometheus). */
export class Rate extends PromExpr {
  constructor(public readonly selector: Selector, public readonly windowSeconds: number) { super(); }
  public toString(): string {
    const s = this.selector;
    const inner = new Selector(s.metric, s.matchers).toString();
    return `rate(${inner}[${promDuration(this.windowSeconds)}]${s.offsetSeconds ? ` offset ${promDuration(s.offsetSeconds)}` : ''})`;
  }
}

/** `sum|max|min|count [by (labels)] (expr)`. */
export class Aggregation extends PromExpr {
  constructor(public readonly op: 'sum' | 'max' | 'min' | 'count', public readonly expr: PromExpr, public readonly by: readonly string[] = []) { super(); }
  public toString(): string {
    return `${this.op}${this.by.length ? ` by (${this.by.join(', ')})` : ''}(${this.expr})`;
  }
}

/** The binary operators of the subset. */
export type BinaryOp = '+' | '-' | '*' | '/' | '>' | '<' | '==' | '!=' | 'and';

/** A binary operation; comparisons filter (no `bool`), vectors match one-to-one on their label sets (Prometheus' rules). */
export class Binary extends PromExpr {
  constructor(public readonly op: BinaryOp, public readonly lhs: PromExpr, public readonly rhs: PromExpr) { super(); }
  protected get compound(): boolean { return true; }
  public toString(): string {
    return `${this.lhs.operand()} ${this.op} ${this.rhs.operand()}`;
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
