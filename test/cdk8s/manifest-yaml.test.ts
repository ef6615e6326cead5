// The manifest writer against an independent oracle: the `yaml` package (the parser cdk8s itself uses) reads its
// output back to exactly the objects, under YAML 1.1 (what Kubernetes' go-yaml follows) and 1.2, for every example
// and for random objects with the strings YAML likes to misread.
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { EXAMPLES } from '../../examples';
import { manifestYaml } from '../../lib/cdk8s/manifest-yaml';
import { synthExample } from '../support/manifests';

function parseBack(text: string, version: '1.1' | '1.2'): unknown[] {
  const docs = YAML.parseAllDocuments(text, { version, uniqueKeys: true, strict: true });
  for (const d of docs) if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('; '));
  return docs.map((d) => d.toJS({ maxAliasCount: -1 }));
}

/** The objects as JSON data (what a writer must preserve): undefined members dropped, as JSON does. */
const asData = (v: unknown) => JSON.parse(JSON.stringify(v));

describe.each(Object.entries(EXAMPLES))('example %s', (_name, build) => {
  const objects = synthExample(build);
  const text = manifestYaml(objects);

  test.each(['1.1', '1.2'] as const)('YAML %s reads the manifests back to exactly the objects', (version) => {
    expect(parseBack(text, version)).toEqual(asData(objects));
  });

  test('multi-line strings (emqx.conf, ACLs, scripts) are block literals, not escaped one-liners', () => {
    const multiLine = objects.flatMap((o) => Object.values<unknown>(o.data ?? {})).filter((v): v is string => typeof v === 'string' && v.includes('\n'));
    expect(text).not.toMatch(/: "[^"\n]*\\n/);
    if (multiLine.length) expect(text).toMatch(/^ {2}[\w.-]+: \|[-+]?$/m);
  });
});

test('the same objects give the same bytes, and the layout cdk8s users know', () => {
  const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'app.kubernetes.io/version': '6.3.1' } }, data: { 'emqx.conf': 'node {\n  role = "core"\n}\n' }, list: [{ a: 1, b: [true, null] }, 'on', []] };
  expect(manifestYaml([doc, doc])).toBe(manifestYaml([doc, doc]));
  expect(manifestYaml([doc, { kind: 'Empty' }])).toBe([
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: x',
    '  labels:',
    '    app.kubernetes.io/version: "6.3.1"',
    'data:',
    '  emqx.conf: |',
    '    node {',
    '      role = "core"',
    '    }',
    'list:',
    '  - a: 1',
    '    b:',
    '      - true',
    '      - null',
    '  - "on"',
    '  - []',
    '---',
    'kind: Empty',
    '',
  ].join('\n'));
});

test('values that are not JSON data are refused, naming them', () => {
  expect(() => manifestYaml([{ a: Number.NaN }])).toThrow('a manifest holds the number NaN, which YAML cannot carry');
  expect(() => manifestYaml([{ a: () => 1 }])).toThrow('a manifest holds a function, which is not JSON data');
});

describe('random objects (fast-check)', () => {
  // strings YAML misreads when plain: words of YAML 1.1 and 1.2, numbers of every base, indicators, comments,
  // colons, leading and trailing spaces, multi-line texts with indentation, empty and whitespace lines, control
  // characters and Unicode line separators
  const tricky = fc.constantFrom(
    'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '', ' ', '=', '<<', '0', '-1', '+1', '0o17', '017', '0x1F', '1_000',
    '1:20', '1:20.5', '.5', '1.', '1e3', '1E+3', '.inf', '-.Inf', '.NaN', '6.0.1', '0.0.0.0:1883', '10.0.0.0/16', '100m', '256Mi', '2Gi', '1e', '-',
    '- a', '? a', ': a', 'a: b', 'a:b', 'a #b', '#a', '!tag', '&anchor', '*alias', '|', '>', "'q'", '"q"', '%x', '@x', '`x', '{a}', '[a]', 'a, b',
    'http://example.com:8080/x?y=1', '$(POD_NAME).x', '${clientid}', 'a  b', ' lead', 'trail ', 'tab\tin', '\ttab', 'line\nnext', 'ends\n', 'two\n\n',
    '\nlead', '  indented\nnext', 'a\n  b\n', 'a\n \nb', 'a\n\n\nb\n\n', 'cr\r\nlf', 'nul\u0000', 'bell\u0007', 'sep\u2028x', 'nel\u0085x', 'bom\ufeff',
    'ünïcødé', '日本語', 'emoji 🚀', '---', '...', '--- a', 'a\n---\nb', 'a\n...\nb',
  );
  const text = fc.oneof(tricky, fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.oneof(tricky, fc.string()), { maxLength: 4 }).map((xs) => xs.join('\n')));
  const key = fc.oneof(tricky.filter((k) => k !== '<<'), fc.string({ minLength: 1 }));
  const value = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const doc = fc.dictionary(key, value, { maxKeys: 6 });

  test.each(['1.1', '1.2'] as const)('YAML %s reads every written document back to exactly the objects', (version) => {
    fc.assert(fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => {
      expect(parseBack(manifestYaml(docs), version)).toEqual(asData(docs));
    }), { numRuns: Number(process.env.FC_RUNS ?? 1500) });
    // a generous timeout: 1500 documents under a loaded CI machine exceed jest's default 5 s
  }, 120_000);
});
