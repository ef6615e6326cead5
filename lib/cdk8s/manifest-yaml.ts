/**
 * The manifest writer: Kubernetes objects (plain JSON data: maps, lists, strings, numbers, booleans, null) as
 * YAML documents separated by `---`, in block style, keys in their given order, multi-line strings (emqx.conf, ACL
 * files, scripts) as block literals. A string is written plain only when YAML 1.1 and 1.2 both read it back as
 * that string (a conservative test); otherwise double-quoted, with JSON's escapes (which are YAML's). It writes
 * what cdk8s's `Yaml` (the `yaml` package) writes for the same objects, up to the quoting and the indentation of
 * lists, about 10× faster; test/cdk8s/manifest-yaml.test.ts parses its output back with the `yaml` package under
 * both YAML versions, over every example and random objects.
 */
export function manifestYaml(docs: readonly unknown[]): string {
  const out: string[] = [];
  docs.forEach((doc, i) => {
    if (i > 0) out.push('---\n');
    if (doc === undefined) out.push('\n');
    else writeDocument(doc, out);
  });
  return out.join('');
}

function writeDocument(doc: unknown, out: string[]): void {
  if (isMap(doc)) {
    if (Object.keys(doc).every((k) => doc[k] === undefined)) out.push('{}\n');
    else writeMap(doc, '', out);
  } else if (Array.isArray(doc)) {
    if (doc.length === 0) out.push('[]\n');
    else writeList(doc, '', out);
  } else {
    out.push(scalar(doc, ''), '\n');
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map's entries at `indent`; the first key goes where the caller left off (after `- ` for list items). */
function writeMap(map: Record<string, unknown>, indent: string, out: string[], first = true): void {
  let lead = first;
  for (const key in map) {
    const value = map[key];
    if (value === undefined) continue;
    if (!lead) out.push(indent);
    lead = false;
    out.push(plainOrQuoted(key), ':');
    writeValue(value, indent, out);
  }
}

/** A list's items at `indent`. */
function writeList(list: readonly unknown[], indent: string, out: string[], first = true): void {
  let lead = first;
  for (const item of list) {
    if (!lead) out.push(indent);
    lead = false;
    out.push('-');
    const nested = indent + '  ';
    if (isMap(item) && hasEntries(item)) {
      out.push(' ');
      writeMap(item, nested, out, true);
    } else if (Array.isArray(item) && item.length) {
      out.push(' ');
      writeList(item, nested, out, true);
    } else {
      out.push(' ', scalarOrEmpty(item === undefined ? null : item, nested), '\n');
    }
  }
}

function hasEntries(map: Record<string, unknown>): boolean {
  for (const k in map) if (map[k] !== undefined) return true;
  return false;
}

/** The value after `key:` (the line break for nested collections, or ` scalar\n`). */
function writeValue(value: unknown, indent: string, out: string[]): void {
  if (isMap(value) && hasEntries(value)) {
    out.push('\n', indent + '  ');
    writeMap(value, indent + '  ', out, true);
  } else if (Array.isArray(value) && value.length) {
    out.push('\n', indent + '  ');
    writeList(value, indent + '  ', out, true);
  } else {
    out.push(' ', scalarOrEmpty(value, indent + '  '), '\n');
  }
}

function scalarOrEmpty(v: unknown, indent: string): string {
  if (isMap(v)) return '{}';
  if (Array.isArray(v)) return '[]';
  return scalar(v, indent);
}

function scalar(v: unknown, indent: string): string {
  switch (typeof v) {
    case 'string':
      return v.includes('\n') && literalSafe(v) ? blockLiteral(v, indent) : plainOrQuoted(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`a manifest holds the number ${v}, which YAML cannot carry`);
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(v);
    default:
      if (v === null) return 'null';
      throw new Error(`a manifest holds a ${typeof v}, which is not JSON data`);
  }
}

// ---- strings

/** YAML 1.1 (the Kubernetes parsers) and 1.2 words that are not strings when plain. */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~', '=', '<<']);
/** Characters a plain scalar may hold here (others are quoted): no indicators, quotes, `#`, `:` handled below. */
const PLAIN = /^[A-Za-z0-9_./$()=+@^~ -]*$/;
const PLAIN_COLON = /^[A-Za-z0-9_./-]+(:[A-Za-z0-9_./-]+)+$/;
/** Kubernetes quantities and durations (`100m`, `256Mi`, `30s`), which no YAML version reads as numbers. */
const UNIT_NUMBER = /^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|s|ms|h|d|MB|GB|KB)$/;

/** Short strings repeat across objects and sites (keys, labels, names): each is classified once. */
const written = new Map<string, string>();

function plainOrQuoted(s: string): string {
  if (s.length > 64) return isPlainSafe(s) ? s : JSON.stringify(s);
  let w = written.get(s);
  if (w === undefined) {
    w = isPlainSafe(s) ? s : JSON.stringify(s);
    if (written.size >= 100_000) written.clear();
    written.set(s, w);
  }
  return w;
}

function isPlainSafe(s: string): boolean {
  if (s.length === 0 || s.length > 512) return false;
  const c0 = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (c0 === 32 || last === 32) return false;
  // a leading digit, sign or dot: a number in some YAML version (ints, floats, octal, hex, sexagesimal, .inf)
  if ((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46) {
    if (!UNIT_NUMBER.test(s) && !(c0 === 45 && /^-[A-Za-z_]/.test(s))) return false;
  }
  if (RESERVED.has(s.toLowerCase())) return false;
  // exponent-only forms (`e0`, `E5`): a float to some YAML 1.1 readers, whose float pattern makes every part optional
  if (/^[eE][-+]?[0-9_]+$/.test(s)) return false;
  if (s.includes(':')) return PLAIN_COLON.test(s) && !/^[0-9]/.test(s);
  // `(`, `@`, `^`, `~`, `=` may not lead a plain scalar here (indicators or YAML 1.1 words); inside, they are fine
  if (c0 === 40 || c0 === 64 || c0 === 94 || c0 === 126 || c0 === 61) return false;
  return PLAIN.test(s) && !s.includes(' #') && !s.includes('  ');
}

/** Whether a multi-line string reads back exactly from a block literal (printable, no CR, no whitespace-only lines). */
function literalSafe(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  // trailing spaces on the last line, and lines of spaces only, lose or change content under chomping/indent rules
  const lines = s.split('\n');
  // the first line with content must not start with a space or tab: YAML would take it as indentation
  const first = lines.find((l) => l.length > 0);
  if (first === undefined || first.startsWith(' ') || first.startsWith('\t')) return false;
  return !lines.some((l) => l.length > 0 && l.trim() === '');
}

function blockLiteral(s: string, indent: string): string {
  let trailing = 0;
  while (trailing < s.length && s.charCodeAt(s.length - 1 - trailing) === 10) trailing++;
  // strip (`|-`) without a final line break, clip (`|`) with one, keep (`|+`) with more
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const pad = indent.length ? indent : '  ';
  const text = s.slice(0, s.length - trailing).split('\n').map((l) => (l.length ? pad + l : '')).join('\n');
  // the caller ends the line; the kept line breaks beyond the first are empty lines
  return `|${chomp}\n${text}${'\n'.repeat(Math.max(0, trailing - 1))}`;
}
