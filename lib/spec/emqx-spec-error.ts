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
}

function safeJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
