import { HoconObject, HoconValue, overlayHocon } from './hocon';

/** A HOCON text that cannot be read, with its line and column. */
export class HoconSyntaxError extends Error {
  constructor(public readonly line: number, public readonly column: number, problem: string) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'HoconSyntaxError';
  }
}

/**
 * Reads the HOCON of an emqx.conf fragment (what `extraConfig` accepts) into plain data: objects with or without
 * braces, `=`/`:` or no separator before `{`, dotted key paths (`mqtt.max_topic_alias = 65535`), quoted and
 * triple-quoted strings, unquoted strings (`30s`, `1MB`), numbers, booleans, `null`, arrays, `#` and `//` comments,
 * entries separated by newlines or commas; a key given twice merges objects and replaces other values, as HOCON does.
 * Substitutions (`${...}`) and includes are refused: the library writes emqx.conf with neither (EMQX cannot resolve
 * environment variables in it, facts §9c), so a fragment may not depend on them.
 */
export function readHocon(text: string): HoconObject {
  return new Reader(text).document();
}

class Reader {
  private i = 0;

  constructor(private readonly s: string) {}

  public document(): HoconObject {
    this.blank();
    let out: HoconObject;
    if (this.peek() === '{') {
      this.i++;
      out = this.fields('}');
      this.expect('}');
    } else {
      out = this.fields(undefined);
    }
    this.blank();
    if (this.i < this.s.length) this.fail(`unexpected '${this.peek()}'`);
    return out;
  }

  private fields(end: '}' | undefined): HoconObject {
    const out: HoconObject = {};
    for (;;) {
      this.blank();
      if (this.i >= this.s.length || this.peek() === end) return out;
      if (this.s.startsWith('include', this.i) && /\s/.test(this.s[this.i + 7] ?? '')) this.fail('includes are not supported (give the settings themselves)');
      const path = this.keyPath();
      this.space();
      let value: HoconValue;
      const c = this.peek();
      if (c === '{') {
        value = this.value();
      } else if (c === '=' || c === ':') {
        this.i++;
        this.space();
        value = this.value();
      } else if (c === '+' && this.s[this.i + 1] === '=') {
        this.fail("'+=' is not supported (give the whole list)");
      } else {
        this.fail(`expected '=', ':' or '{' after key '${path.join('.')}'`);
      }
      set(out, path, value);
      this.space();
      const sep = this.peek();
      if (sep === ',' || sep === '\n' || sep === '\r') this.i++;
      else if (sep === '#' || (sep === '/' && this.s[this.i + 1] === '/')) this.comment();
      else if (sep !== end && this.i < this.s.length) this.fail(`expected a new line or ',' after the value of '${path.join('.')}'`);
    }
  }

  private keyPath(): string[] {
    const parts: string[] = [];
    for (;;) {
      if (this.peek() === '"') {
        parts.push(this.quoted());
      } else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i, this.i + 256));
        if (!m) this.fail(`expected a key, got '${this.peek() ?? 'end of text'}'`);
        parts.push(m[0]);
        this.i += m[0].length;
      }
      if (this.peek() !== '.') return parts;
      this.i++;
    }
  }

  private value(): HoconValue {
    const c = this.peek();
    if (c === '{') {
      this.i++;
      const o = this.fields('}');
      this.expect('}');
      return o;
    }
    if (c === '[') {
      this.i++;
      const items: HoconValue[] = [];
      for (;;) {
        this.blank();
        if (this.peek() === ']') {
          this.i++;
          return items;
        }
        items.push(this.value());
        const at = this.i;
        this.blank(false);
        const newLine = this.s.slice(at, this.i).includes('\n');
        if (this.peek() === ',') this.i++;
        else if (this.peek() !== ']' && !newLine) this.fail("expected ',' or ']' in a list");
      }
    }
    if (c === '"') {
      if (this.s.startsWith('"""', this.i)) {
        const end = this.s.indexOf('"""', this.i + 3);
        if (end < 0) this.fail('unterminated """ string');
        const text = this.s.slice(this.i + 3, end);
        this.i = end + 3;
        return text;
      }
      return this.quoted();
    }
    if (c === '$' && this.s[this.i + 1] === '{') this.fail('substitutions (${...}) are not supported: EMQX cannot resolve them from the environment; reference a Secret through the typed spec or an EMQX_* variable');
    // an unquoted value: up to the end of the line, a separator or a comment
    const m = /^[^\n\r,}\]#]*/.exec(this.s.slice(this.i))!;
    let raw = m[0];
    const slashes = raw.indexOf('//');
    if (slashes >= 0) raw = raw.slice(0, slashes);
    const v = raw.trim();
    if (!v) this.fail('expected a value');
    if (v.includes('${')) this.fail('substitutions (${...}) are not supported: EMQX cannot resolve them from the environment; reference a Secret through the typed spec or an EMQX_* variable');
    if (/[{}[\]"=]/.test(v)) this.fail(`unexpected character in the unquoted value '${v}' (quote it)`);
    this.i += raw.length;
    if (v === 'true' || v === 'false') return v === 'true';
    if (v === 'null') return undefined;
    if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(v)) return Number(v);
    return v;
  }

  private quoted(): string {
    const start = this.i;
    const m = /^"(?:[^"\\\n]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(this.s.slice(this.i));
    if (!m) {
      this.i = start;
      this.fail('unterminated or invalid quoted string');
    }
    this.i += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  /** Spaces and tabs (not new lines). */
  private space(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  /** Whitespace, new lines and comments (and commas, between fields). */
  private blank(commas = true): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || (commas && c === ',')) this.i++;
      else if (c === '#' || (c === '/' && this.s[this.i + 1] === '/')) this.comment();
      else return;
    }
  }

  private comment(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private expect(c: string): void {
    this.blank();
    if (this.peek() !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  private fail(problem: string): never {
    const before = this.s.slice(0, this.i);
    const line = before.split('\n').length;
    throw new HoconSyntaxError(line, this.i - before.lastIndexOf('\n'), problem);
  }
}

function isObject(v: HoconValue): v is HoconObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets a value at a key path, merging objects (HOCON's rule for a key given twice). */
function set(target: HoconObject, path: string[], value: HoconValue): void {
  let o = target;
  for (const k of path.slice(0, -1)) {
    if (!isObject(o[k])) o[k] = {};
    o = o[k] as HoconObject;
  }
  const last = path[path.length - 1];
  const old = o[last];
  o[last] = isObject(old) && isObject(value) ? overlayHocon(old, value) : value;
}
