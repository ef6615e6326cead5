// CI helper: no CRD YAML of the EMQX Operator's apps.emqx.io/v2 is published at hand (shared/reference/emqx-facts.md
// §10.16 71), so kube-strict cannot check v2 EMQX resources against a schema. Every field the library writes has the
// same JSON name and type in v2 and v2beta1 (api/v2/emqx_types_spec.go vs api/v2beta1/emqx_types_spec.go in
// emqx/emqx-operator; lib/workload/emqx-operator-api.ts, and the hand-checked field table in
// test/cdk8s/operator-backend.test.ts). This copies every manifest file that holds a v2 EMQX resource, with that
// resource's apiVersion set to apps.emqx.io/v2beta1, so kube-strict checks it strictly against the v2beta1 CRD
// (unknown fields, embedded Kubernetes types, selectors of the pods the operator makes).
//   node .ci/operator-v2-as-v2beta1.mjs <manifests dir> <out dir>   (prints the number of resources rewritten)
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const [src, out] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
let rewritten = 0;
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of walk(src).filter((f) => f.endsWith('.k8s.yaml'))) {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter(Boolean);
  const v2 = docs.filter((o) => o.kind === 'EMQX' && o.apiVersion === 'apps.emqx.io/v2');
  if (!v2.length) continue;
  for (const o of v2) o.apiVersion = 'apps.emqx.io/v2beta1';
  rewritten += v2.length;
  fs.writeFileSync(path.join(out, path.relative(src, file).replace(/[/\\]/g, '__')), docs.map((d) => stringify(d)).join('---\n'));
}
if (!rewritten) { console.error('no apps.emqx.io/v2 EMQX resource found: the v2 example is missing'); process.exit(1); }
console.log(`${rewritten} apps.emqx.io/v2 EMQX resource(s) copied as v2beta1 into ${out}`);
