import { EmqxCheck } from './emqx-check';

/** The letters PCRE2 accepts after a backslash (pcre2pattern: escapes, character types, assertions, \g \k \p \Q). */
const PCRE2_LETTER_ESCAPES = new Set('aAbBcCdDeEfgGhHkKnNopPQrRsStvVwWxXzZ'.split(''));

/** The hazards of one pattern under PCRE2, each said in a few words. */
export function pcre2Hazards(pattern: string): string[] {
  const out: string[] = [];
  // pairs from left to right, so an escaped backslash (\\) is consumed whole and never starts an escape
  for (const m of pattern.matchAll(/\\(.)/g)) {
    const c = m[1];
    if (/[A-Za-z]/.test(c) && !PCRE2_LETTER_ESCAPES.has(c)) out.push(`\\${c} is not an escape PCRE2 knows`);
  }
  if (/(^|[^\\])(\\\\)*\\x([^0-9A-Fa-f{]|$)/.test(pattern)) out.push('\\x without hex digits (e.g. \\xGG)');
  for (const cls of pattern.matchAll(/\[(?:\\.|[^\]\\])*\]/g)) {
    // the class's content without a leading negation or a leading/trailing literal '-'
    const body = cls[0].slice(1, -1).replace(/^\^/, '').replace(/^-/, '').replace(/-$/, '');
    if (/\\[dDwWsShHvV]-/.test(body) || /-\\[dDwWsShHvV]/.test(body)) out.push(`the class ${cls[0]} makes a range from a character type (write the '-' first or last, or escape it)`);
  }
  const names = [...pattern.matchAll(/\(\?(?:P?<|')([^>'=!]*)[>']/g)].map((m) => m[1]);
  if (names.some((n) => n === '')) out.push('an empty group name');
  const dup = names.find((n, i) => n && names.indexOf(n) !== i);
  if (dup) out.push(`the group name ${dup} twice`);
  return [...new Set(out)];
}

/** The regular-expression literals of a rule's SQL (the pattern argument of regex_match/regex_replace/regex_extract). */
export function ruleRegexLiterals(sql: string): string[] {
  return [...sql.matchAll(/regex_(?:match|replace|extract)\s*\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)].map((m) => m[1] ?? m[2]);
}

/** A rule whose regex compiled under PCRE (6.0) but not under PCRE2 (6.1+) stops the node at config load. */
export const RuleRegexPcre2: EmqxCheck = {
  id: 'EMQX-RuleRegexPcre2',
  severity: 'error',
  summary: "A rule's regular expression uses a construct PCRE2 (EMQX 6.1+) rejects.",
  explanation:
    'EMQX 6.1 moved the rule engine\'s regex_match, regex_replace and regex_extract to PCRE2 (OTP 28, #16368): unknown letter escapes, \\x without hex digits, ranges from a character type such as [\\w-\\.] and duplicate or empty group names no longer compile. Rule SQL is parsed when the configuration loads, so one such pattern that worked on 6.0 stops the upgraded node (facts §10.7).',
  fix: "Rewrite the pattern for PCRE2: escape only what needs it, put '-' first or last in a class, give groups distinct names; test it with pcre2test or the rule's dashboard test before upgrading.",
  run: ({ cluster }) => {
    if (!cluster.version.hasPcre2Regex) return [];
    return cluster.integrations.rules.flatMap((r) => ruleRegexLiterals(r.sql).flatMap((p) => {
      const hazards = pcre2Hazards(p);
      return hazards.length ? [`rule ${r.id}: '${p}': ${hazards.join('; ')}`] : [];
    }));
  },
};
