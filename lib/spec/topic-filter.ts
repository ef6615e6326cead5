import { EmqxSpecError } from './emqx-spec-error';

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

/** Whether every topic matching `inner` also matches `outer`. */
export function filterCovers(outer: string, inner: string): boolean {
  const x = outer.split('/');
  const y = inner.split('/');
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p === '#') return true;
    if (p === undefined || q === undefined) return p === undefined && q === undefined;
    if (q === '#') return false;
    if (p !== '+' && p !== q) return false;
  }
}
