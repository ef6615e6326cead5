// PCRE2's stricter syntax (EMQX 6.1+, facts §10.7): a hand-checked table from pcre2pattern(3) of what compiles and
// what does not, then the check on rules by release.
import { pcre2Hazards, ruleRegexLiterals } from '../../lib/checks/rule-regex-pcre2';
import { runChecks } from '../../lib/checks/run-checks';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Action } from '../../lib/integrations/rule-spec';
import { Peer } from '../../lib/network/network-peer';

test.each([
  // rejected by PCRE2
  ['[\\w-\\.]+', /range from a character type/],
  ['[a-\\d]', /range from a character type/],
  ['^\\xGG$', /\\x without hex digits/],
  ['(?<id>\\d+)-(?<id>\\d+)', /the group name id twice/],
  ['(?<>x)', /an empty group name/],
  ['plant\\i', /\\i is not an escape PCRE2 knows/],
  ['\\u00e9', /\\u is not an escape PCRE2 knows/],
])('%s: %s', (pattern, hazard) => {
  expect(pcre2Hazards(pattern).join('; ')).toMatch(hazard);
});

test.each(['^\\d+$', '[\\w.-]+', '[-\\w]', '(?<line>\\d+)/(?<machine>\\w+)', '\\x41', '\\x{263A}', 'a\\\\i', '\\.\\*\\+', '^plant/(\\w+)/alerts'])('%s compiles under PCRE2: no hazard', (pattern) => {
  expect(pcre2Hazards(pattern)).toEqual([]);
});

test('the patterns are read from regex_match, regex_replace and regex_extract calls, in either quote', () => {
  const sql = `SELECT regex_replace(topic, '[\\w-\\.]+', 'x') AS t, regex_extract(payload.id, "(?<a>\\d)") FROM "t/#" WHERE regex_match(clientid, '^dev-')`;
  expect(ruleRegexLiterals(sql)).toEqual(['[\\w-\\.]+', '(?<a>\\d)', '^dev-']);
});

describe('EMQX-RuleRegexPcre2 by release', () => {
  const kafka = { name: 'raw', bootstrapHosts: ['k1:9092'], topic: 'raw' };
  const spec = (version: string, sql: string): EmqxClusterSpec => ({
    name: 'p', namespace: 'iot', version, cores: 3, license: { secretName: 'l', key: 'k' }, networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: [Peer.namespace('m')] },
    integrations: { kafka: [kafka], rules: [{ id: 'r1', sql, actions: [Action.kafka('raw')] }] },
  });
  const fired = (s: EmqxClusterSpec) => runChecks({ cluster: resolveClusterSpec(s), objects: [] }).filter((f) => f.id === 'EMQX-RuleRegexPcre2');
  const bad = `SELECT * FROM "plant/#" WHERE regex_match(clientid, '[\\w-\\.]+')`;

  test('fires from 6.1 (PCRE2), naming the rule and the pattern; not on 6.0 (PCRE)', () => {
    expect(fired(spec('6.0.1', bad))).toEqual([]);
    const [f] = fired(spec('6.1.5', bad));
    expect(f).toMatchObject({ severity: 'error', message: "rule r1: '[\\w-\\.]+': the class [\\w-\\.] makes a range from a character type (write the '-' first or last, or escape it)" });
    expect(fired(spec('6.3.1', bad))).toHaveLength(1);
  });

  test('a PCRE2-clean pattern passes on 6.1+', () => {
    expect(fired(spec('6.3.1', `SELECT * FROM "plant/#" WHERE regex_match(clientid, '[\\w.-]+')`))).toEqual([]);
  });
});
