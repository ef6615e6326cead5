import { EmqxSpecError } from '../validation/emqx-spec-error';

/** Throws unless `filter` is a valid MQTT topic filter (wildcards only as whole levels, `#` last). */
export function validateTopicFilter(field: string, filter: unknown, options: { wildcards?: boolean } = {}): string {
  if (typeof filter !== 'string' || filter === '' || filter.length > 65535 || filter.includes('\u0000')) {
    throw new EmqxSpecError(field, filter, 'is not a topic filter', "e.g. 'plant/+/alerts/#'");
  }
  const levels = filter.split('/');
  levels.forEach((l, i) => {
    if ((l.includes('#') && (l !== '#' || i !== levels.length - 1)) || (l.includes('+') && l !== '+')) {
      throw new EmqxSpecError(field, filter, "uses a wildcard inside a level ('#' must be the whole last level, '+' a whole level)", "e.g. 'plant/+/alerts/#'");
    }
    if (options.wildcards === false && (l === '#' || l === '+')) {
      throw new EmqxSpecError(field, filter, 'must be a topic name here, without wildcards', "e.g. 'hub/plant-east/'");
    }
  });
  return filter;
}

/** Whether some topic name matches both filters (MQTT matching, level by level). */
export function filtersIntersect(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p === '#' || q === '#') return true;
    if (p === undefined || q === undefined) return p === undefined && q === undefined;
    if (p !== '+' && q !== '+' && p !== q) return false;
  }
}

interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  readonly here: T[];
}

/**
 * Topic filters indexed by level, to find which stored filters intersect a given one without comparing
 * it with every stored filter (a federation of a thousand plants checks its routes in linear time).
 * Same matching as {@link filtersIntersect}.
 */
export class TopicFilterIndex<T> {
  private readonly root: TrieNode<T> = { children: new Map(), here: [] };

  public add(filter: string, value: T): void {
    let node = this.root;
    for (const level of filter.split('/')) {
      let next = node.children.get(level);
      if (!next) node.children.set(level, (next = { children: new Map(), here: [] }));
      node = next;
    }
    node.here.push(value);
  }

  /** Every stored value whose filter intersects `filter`. */
  public intersecting(filter: string): T[] {
    const out: T[] = [];
    const all = (n: TrieNode<T>) => {
      out.push(...n.here);
      for (const c of n.children.values()) all(c);
    };
    const visit = (n: TrieNode<T>, levels: string[], i: number) => {
      const hash = n.children.get('#');
      if (hash) out.push(...hash.here);
      if (i === levels.length) {
        out.push(...n.here);
        return;
      }
      const q = levels[i];
      if (q === '#') {
        all(n);
        return;
      }
      for (const [level, child] of n.children) {
        if (level === '#') continue;
        if (q === '+' || level === '+' || level === q) visit(child, levels, i + 1);
      }
    };
    visit(this.root, filter.split('/'), 0);
    return [...new Set(out)];
  }
}
