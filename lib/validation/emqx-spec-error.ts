/**
 * The error thrown when a spec asks for something impossible: it names the field,
 * the value received, what is expected and how to fix it.
 */
export class EmqxSpecError extends Error {
  /** The spec field at fault, as a path (e.g. `cores`, `listeners[1].port`). */
  public readonly field: string;
  /** The value received, rendered as JSON. */
  public readonly received: string;

  constructor(field: string, received: unknown, problem: string, fix: string) {
    const shown = safeJson(received);
    super(`${field}: ${problem} (got ${shown}); ${fix}`);
    this.name = 'EmqxSpecError';
    this.field = field;
    this.received = shown;
  }

  /** Runs `build`; a spec problem it throws comes back located inside `prefix` (see {@link EmqxSpecError.within}). */
  public static inside<T>(prefix: string, build: () => T): T {
    try {
      return build();
    } catch (e) {
      if (!(e instanceof EmqxSpecError) || e.name === 'EmqxSpecErrors') throw e;
      throw EmqxSpecError.within(prefix, e);
    }
  }

  /** The same problem, located inside `prefix` (e.g. a federation's site), so a report names the site. */
  public static within(prefix: string, e: EmqxSpecError): EmqxSpecError {
    const located = new EmqxSpecError(`${prefix}.${e.field}`, undefined, '', '');
    located.message = `${prefix}.${e.message}`;
    Object.defineProperty(located, 'received', { value: e.received });
    return located;
  }
}

function safeJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Several spec problems reported at once (an inventory's entries, a federation's sites), so a spec read from a
 * file is fixed in one round. It is an {@link EmqxSpecError} whose field and message lead with the first
 * problem; `problems` holds each.
 */
export class EmqxSpecErrors extends EmqxSpecError {
  /** Every problem, in spec order. */
  public readonly problems: readonly EmqxSpecError[];

  private constructor(problems: readonly EmqxSpecError[]) {
    super(problems[0].field, undefined, '', '');
    this.name = 'EmqxSpecErrors';
    this.problems = problems;
    this.message = `${problems.length} problems in the spec:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`;
    Object.defineProperty(this, 'received', { value: problems[0].received });
  }

  /**
   * Runs each step, collecting the spec problems they throw (anything else is rethrown at once); throws them
   * together when there are any, and returns the steps' results otherwise.
   */
  public static collect<T>(steps: readonly (() => T)[]): T[] {
    const problems: EmqxSpecError[] = [];
    const results: T[] = [];
    for (const step of steps) {
      try {
        results.push(step());
      } catch (e) {
        if (!(e instanceof EmqxSpecError)) throw e;
        problems.push(...(e instanceof EmqxSpecErrors ? e.problems : [e]));
      }
    }
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new EmqxSpecErrors(problems);
    return results;
  }
}
