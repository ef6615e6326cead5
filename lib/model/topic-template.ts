// A remote topic built from the segments of a local one (seed 000: `plant/+/alerts/#` forwarded to
// `hub/plant-east/alerts/${1}/${2}`, dropping `plant/`). `{n}` is what the n-th `+` of the filter matched,
// `{#}` what its trailing `#` matched. Rendered as rule SQL with EMQX's rule functions `split/3` ('notrim'),
// `nth/2`, `concat/2` and `regex_replace/3` (apps/emqx_rule_engine/src/emqx_rule_funcs.erl), so the rule that
// feeds the bridge computes the topic on every release.
import { EmqxSpecError } from '../validation/emqx-spec-error';

const PLACEHOLDER = /\{(\d+|#)\}/g;

/** Checks a template against the local filter it maps: whole-level placeholders the filter has, `{#}` last. */
export function validateTopicTemplate(field: string, filter: string, template: string): void {
  const levels = filter.split('/');
  const pluses = levels.filter((l) => l === '+').length;
  const hasHash = levels[levels.length - 1] === '#';
  if (typeof template !== 'string' || template === '' || /[+#'\\\u0000]/.test(template.replace(PLACEHOLDER, '')) || template.startsWith('$') || template.startsWith('/')) {
    throw new EmqxSpecError(field, template, "is not a topic template (literal levels hold no '+', '#', quotes or backslashes and do not start with '$' or '/')", "e.g. 'hub/{plant}/alerts/{1}/{#}'");
  }
  const tlevels = template.split('/');
  tlevels.forEach((l, i) => {
    const placeholders = l.match(PLACEHOLDER) ?? [];
    if (placeholders.length && (placeholders.length > 1 || placeholders[0] !== l)) throw new EmqxSpecError(field, template, `level '${l}' mixes a placeholder with text`, 'give each placeholder a whole level');
    if (l === '{#}' && i !== tlevels.length - 1) throw new EmqxSpecError(field, template, '{#} is not the last level', "put {#} last, e.g. 'hub/{plant}/alerts/{1}/{#}'");
    if (l === '{#}' && !hasHash) throw new EmqxSpecError(field, template, `uses {#}, but '${filter}' does not end with '#'`, 'use {n} for the filter\'s + levels');
    const n = /^\{(\d+)\}$/.exec(l);
    if (n && (Number(n[1]) < 1 || Number(n[1]) > pluses)) throw new EmqxSpecError(field, template, `uses {${n[1]}}, but '${filter}' has ${pluses} '+' level(s)`, `use {1} to {${pluses}}`);
  });
}

/** The topic filter a template can produce (placeholders as wildcards), for ACLs and loop checks. */
export function templateFilter(template: string): string {
  return template.replace(/\{#\}/g, '#').replace(/\{\d+\}/g, '+');
}

const quote = (s: string) => `'${s}'`;
const regexLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule SQL expression that computes the remote topic of a message on `filter` (its `topic`). */
export function topicTemplateSql(filter: string, template: string): string {
  const levels = filter.split('/');
  const plusIndex = levels.map((l, i) => (l === '+' ? i + 1 : 0)).filter((i) => i > 0);
  // what '#' matched: the topic less the levels before it (a '+' before it matches one level)
  const before = levels.slice(0, -1).map((l) => (l === '+' ? '[^/]+' : regexLiteral(l))).join('/');
  const rest = `regex_replace(topic, ${quote(`^${before}/?`)}, '')`;
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index! > last) parts.push(quote(template.slice(last, m.index)));
    parts.push(m[1] === '#' ? rest : `nth(${plusIndex[Number(m[1]) - 1]}, split(topic, '/', 'notrim'))`);
    last = m.index! + m[0].length;
  }
  if (last < template.length) parts.push(quote(template.slice(last)));
  return parts.reduce((acc, p) => `concat(${acc}, ${p})`);
}
