/**
 * A small, deterministic HOCON writer for EMQX configuration.
 *
 * There is no maintained HOCON writer on npm, so this one stays deliberately small:
 * - every string is written quoted (JSON escaping), so `${clientid}`-style EMQX templates are plain
 *   text and never HOCON substitutions (EMQX cannot resolve `${ENV}` from the environment, facts §9c);
 * - keys are written bare when they are plain identifiers, quoted otherwise;
 * - objects keep the insertion order of the builder (which is deterministic), arrays keep their order;
 * - `undefined` values are skipped, so builders can write optional keys without branches.
 *
 * Round-trip tests parse the output with an independent HOCON parser.
 */
export type HoconValue = string | number | boolean | HoconValue[] | HoconObject | undefined;
/** A HOCON object: key order is output order. */
export interface HoconObject {
  /** A key and its value (`undefined` values are left out). */
  [key: string]: HoconValue;
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function key(k: string): string {
  return BARE_KEY.test(k) ? k : JSON.stringify(k);
}

function scalar(v: string | number | boolean): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`hocon: cannot write the number ${v}`);
    return String(v);
  }
  return v ? 'true' : 'false';
}

function isObject(v: HoconValue): v is HoconObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: HoconValue): boolean {
  return isObject(v) && Object.values(v).every((x) => x === undefined);
}

function value(v: HoconValue, indent: string): string {
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== undefined);
    if (items.length === 0) return '[]';
    if (items.every((x) => !isObject(x) && !Array.isArray(x))) return `[${items.map((x) => scalar(x as string)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${items.map((x) => inner + value(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObject(v)) {
    if (isEmpty(v)) return '{}';
    return `{\n${body(v, indent + '  ')}${indent}}`;
  }
  return scalar(v as string | number | boolean);
}

function body(obj: HoconObject, indent: string): string {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    out += isObject(v) ? `${indent}${key(k)} ${value(v, indent)}\n` : `${indent}${key(k)} = ${value(v, indent)}\n`;
  }
  return out;
}

/** Writes a HOCON document; top-level keys are separated by a blank line for readability. */
export function renderHocon(doc: HoconObject, header?: string): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    parts.push(body({ [k]: v }, ''));
  }
  const head = header ? header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n\n' : '';
  return head + parts.join('\n');
}

/**
 * `b` laid over `a`: objects merge, any other value of `b` replaces `a`'s (HOCON's rule for a key given twice);
 * `undefined` values of `b` are skipped.
 */
export function overlayHocon(a: HoconObject, b: HoconObject): HoconObject {
  const out: HoconObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const cur = out[k];
    out[k] = isObject(cur) && isObject(v) ? overlayHocon(cur, v) : v;
  }
  return out;
}

/** Deep-merges HOCON trees; the same leaf set twice (two generators claiming one key) is an error naming its path. */
export function mergeHocon(...docs: HoconObject[]): HoconObject {
  const out: HoconObject = {};
  const merge = (target: HoconObject, src: HoconObject, path: string) => {
    for (const [k, v] of Object.entries(src)) {
      if (v === undefined) continue;
      const here = path ? `${path}.${k}` : k;
      const cur = target[k];
      if (cur === undefined) target[k] = isObject(v) ? merge({}, v, here) : v;
      else if (isObject(cur) && isObject(v)) merge(cur, v, here);
      else throw new Error(`${here} is generated twice`);
    }
    return target;
  };
  for (const d of docs) merge(out, d, '');
  return out;
}
