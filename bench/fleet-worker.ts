// One benchmark measurement in a fresh process (so peak RSS is this measurement's own):
//   tsx bench/fleet-worker.ts <fleet|json|writer|floor|naive> <plants> <outdir>
// Prints one JSON line: { mode, plants, objects, ms, maxRssMiB }.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart, Yaml } from 'cdk8s';
import { EmqxCluster } from '../lib/cdk8s/emqx-cluster';
import { resolveFederation } from '../lib/federation/federation-spec';
import { fleetSpec } from '../examples/fleet/main';
import { Federation } from '../lib/cdk8s/federation';
import { synthesizeFleet } from '../lib/cdk8s/synthesize-fleet';
import { manifestYaml } from '../lib/cdk8s/manifest-yaml';
import { FINDINGS_TABLE_CONTEXT } from '../lib/cdk8s/checks-validation';
import { fleetFederation, PlantInventoryEntry } from '../lib/federation/fleet-inventory';
import { renderInMemory } from '../lib/pulumi/render-in-memory';

const [mode, n, outdir] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const versions = ['5.8.9', '5.1.6', '6.0.1'];
const plants: PlantInventoryEntry[] = Array.from({ length: n }, (_, i) => ({
  name: `plant-${String(i).padStart(4, '0')}`,
  version: versions[i % versions.length],
  edition: versions[i % versions.length] === '6.0.1' ? 'enterprise' : undefined,
}));
const spec = fleetFederation(fleetSpec(plants, 'bench'));
fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });

let objects = 0;
let ms = 0;
if (mode === 'fleet') {
  const t0 = process.hrtime.bigint();
  const out = synthesizeFleet(spec, { outdir });
  ms = Number(process.hrtime.bigint() - t0) / 1e6;
  objects = out.files.reduce((sum, f) => sum + (fs.readFileSync(f, 'utf8').match(/^kind: /gm)?.length ?? 0), 0);
} else if (mode === 'json' || mode === 'writer' || mode === 'floor') {
  // the same objects, computed first (not timed; site by site, keeping only plain JSON so the construct
  // trees are garbage), then only written: `json` with JSON.stringify (the physical floor), `writer` with our
  // manifest writer, `floor` with cdk8s's YAML writer (the yaml package)
  const f = resolveFederation(spec);
  const charts = [{ name: f.hub.name, spec: f.hub }, ...f.plants].map((site) => {
    const [c] = renderInMemory((app) => new EmqxCluster(new Chart(app, `${f.name}-${site.name}`, { namespace: site.spec.namespace ?? site.name, disableResourceNameHashes: true }), 'Emqx', site.spec));
    return { id: c.id, objects: JSON.parse(JSON.stringify(c.objects)) as unknown[] };
  });
  objects = charts.reduce((s, c) => s + c.objects.length, 0);
  (global as { gc?: () => void }).gc?.();
  const write = mode === 'json'
    ? (file: string, docs: unknown[]) => fs.writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n'))
    : mode === 'writer' ? (file: string, docs: unknown[]) => fs.writeFileSync(file, manifestYaml(docs)) : (file: string, docs: unknown[]) => Yaml.save(file, docs);
  const t0 = process.hrtime.bigint();
  for (const c of charts) write(path.join(outdir, `${c.id}.k8s.${mode === 'json' ? 'json' : 'yaml'}`), c.objects);
  ms = Number(process.hrtime.bigint() - t0) / 1e6;
} else if (mode === 'naive') {
  // plain cdk8s: every site as a chart of one App, one app.synth()
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir });
  app.node.setContext(FINDINGS_TABLE_CONTEXT, false);
  new Federation(app, 'fleet', spec);
  app.synth();
  ms = Number(process.hrtime.bigint() - t0) / 1e6;
  objects = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).reduce((s, f) => s + (fs.readFileSync(path.join(outdir, f), 'utf8').match(/^kind: /gm)?.length ?? 0), 0);
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify({ mode, plants: n, objects, ms: Math.round(ms), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
