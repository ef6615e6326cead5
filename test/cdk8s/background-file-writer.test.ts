import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { Federation } from '../../lib/cdk8s/federation';
import * as ts from 'typescript';
import { BackgroundFileWriter } from '../../lib/cdk8s/background-file-writer';
import { manifestYaml } from '../../lib/cdk8s/manifest-yaml';
import { synthesizeFleet } from '../../lib/cdk8s/synthesize-fleet';
import { fleetFederation } from '../../lib/federation/fleet-inventory';
import { fleetSpec } from '../../examples/fleet/main';
import { Exposure } from '../../lib/model/exposure';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
/** A formatter for the tests that write text: the document is the file's text. */
const asText = (docs: readonly unknown[]) => String(docs[0]);

describe('BackgroundFileWriter', () => {
  test('on a worker: every file written with its text by finish(), in the order given', () => {
    const dir = tmp('bg');
    const w = new BackgroundFileWriter(40, asText);
    const texts = Array.from({ length: 40 }, (_, i) => `file ${i}\n${'x'.repeat(i * 1000)}\u00e9\u2014\n`);
    texts.forEach((t, i) => w.writeDocuments(path.join(dir, `f${i}.txt`), [t]));
    // the same file twice: the later text wins, as with writeFileSync in order
    w.writeDocuments(path.join(dir, 'f0.txt'), ['last']);
    w.finish();
    expect(fs.readdirSync(dir)).toHaveLength(40);
    texts.forEach((t, i) => { if (i > 0) expect(fs.readFileSync(path.join(dir, `f${i}.txt`), 'utf8')).toBe(t); });
    expect(fs.readFileSync(path.join(dir, 'f0.txt'), 'utf8')).toBe('last');
  });

  test('a failed write is thrown by finish() as fs throws it, naming the file; nothing after it is written', () => {
    const dir = tmp('bg-fail');
    const w = new BackgroundFileWriter(20, asText);
    w.writeDocuments(path.join(dir, 'a.txt'), ['a']);
    const missing = path.join(dir, 'no-such-folder', 'b.txt');
    w.writeDocuments(missing, ['b']);
    let error: NodeJS.ErrnoException | undefined;
    try {
      for (let i = 0; i < 20; i++) w.writeDocuments(path.join(dir, `c${i}.txt`), ['c']);
      w.finish();
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.code).toBe('ENOENT');
    expect(error?.path).toBe(missing);
    expect(error?.message).toContain('no-such-folder');
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('a');
    expect(() => w.writeDocuments(path.join(dir, 'd.txt'), ['d'])).toThrow(/after finish/);
  });

  test('below the threshold it writes in the calling thread, at once', () => {
    const dir = tmp('bg-inline');
    const w = new BackgroundFileWriter(3, asText);
    w.writeDocuments(path.join(dir, 'a.txt'), ['a']);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('a');
    expect(() => w.writeDocuments(path.join(dir, 'x', 'b.txt'), ['b'])).toThrow(/ENOENT/);
    w.finish();
  });

  /** A formatter module for the worker, written to a temporary folder. */
  function formatterModule(source: string, exportName = 'format') {
    const file = path.join(tmp('formatter'), 'format.js');
    fs.writeFileSync(file, source);
    return { path: file, exportName };
  }
  const docs = (i: number) => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { 'emqx.conf': `a = ${i}\nb = "x"\n` } }];

  test('documents are formatted in the worker when it loads the formatter module', () => {
    const dir = tmp('bg-format');
    const w = new BackgroundFileWriter(30, () => 'formatted in the calling thread', formatterModule("exports.format = (docs) => 'formatted in the worker: ' + JSON.stringify(docs);"));
    for (let i = 0; i < 30; i++) w.writeDocuments(path.join(dir, `f${i}.yaml`), docs(i));
    w.finish();
    for (let i = 0; i < 30; i++) expect(fs.readFileSync(path.join(dir, `f${i}.yaml`), 'utf8')).toBe(`formatted in the worker: ${JSON.stringify(docs(i))}`);
  });

  test('the library\'s manifest writer, loaded by the worker, writes the same bytes as in the calling thread', () => {
    // lib/cdk8s/manifest-yaml.ts compiled as tsc compiles it for the package
    const js = ts.transpileModule(fs.readFileSync(path.join(__dirname, '../../lib/cdk8s/manifest-yaml.ts'), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const [inWorker, here] = [tmp('bg-real-worker'), tmp('bg-real-here')];
    const objects = (i: number) => [...docs(i), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', labels: { version: '5.8.9', n: '0x1F', yes: 'yes' } }, spec: { ports: [{ port: 1883, name: 'mqtt' }] } }];
    const w = new BackgroundFileWriter(20, () => { throw new Error('formatted in the calling thread'); }, formatterModule(js, 'manifestYaml'));
    for (let i = 0; i < 20; i++) w.writeDocuments(path.join(inWorker, `f${i}.yaml`), objects(i));
    w.finish();
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(here, `f${i}.yaml`), manifestYaml(objects(i)));
    for (let i = 0; i < 20; i++) expect(fs.readFileSync(path.join(inWorker, `f${i}.yaml`), 'utf8')).toBe(fs.readFileSync(path.join(here, `f${i}.yaml`), 'utf8'));
  });

  test('a formatter module the worker cannot load (a TypeScript source without a loader): formatted here, written there', () => {
    const dir = tmp('bg-no-format');
    const w = new BackgroundFileWriter(20, (d) => `here ${d.length}`, { path: path.join(__dirname, '../../lib/cdk8s/manifest-yaml.ts'), exportName: 'manifestYaml' });
    for (let i = 0; i < 20; i++) w.writeDocuments(path.join(dir, `f${i}.yaml`), docs(i));
    w.finish();
    expect(fs.readFileSync(path.join(dir, 'f7.yaml'), 'utf8')).toBe('here 1');
  });

  test('a formatter that throws in the worker fails finish(), naming the file', () => {
    const dir = tmp('bg-format-error');
    const w = new BackgroundFileWriter(20, manifestYaml, formatterModule("exports.format = (docs) => { if (docs[0].metadata.name === 'c5') throw new Error('cannot format c5'); return 'ok'; };"));
    let error: NodeJS.ErrnoException | undefined;
    try {
      for (let i = 0; i < 20; i++) w.writeDocuments(path.join(dir, `f${i}.yaml`), docs(i));
      w.finish();
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.message).toBe('cannot format c5');
    expect(error?.path).toBe(path.join(dir, 'f5.yaml'));
    expect(fs.existsSync(path.join(dir, 'f6.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'f4.yaml'), 'utf8')).toBe('ok');
  });

  test('a slow writer thread: the caller waits (at most 64 files queued) and every file arrives in order', () => {
    const dir = tmp('bg-slow');
    // 2 ms per file in the thread; the caller posts 150 files at once
    const slow = formatterModule("exports.format = (docs) => { const t = Date.now(); while (Date.now() - t < 2); return String(docs[0]); };");
    const w = new BackgroundFileWriter(150, asText, slow);
    const start = Date.now();
    for (let i = 0; i < 150; i++) w.writeDocuments(path.join(dir, `f${i}.txt`), [`${i}`]);
    // unbounded, posting would return at once; bounded, the caller waited for at least 150 - 64 files of 2 ms
    expect(Date.now() - start).toBeGreaterThanOrEqual(150);
    w.finish();
    expect(fs.readdirSync(dir)).toHaveLength(150);
    expect(fs.readFileSync(path.join(dir, 'f149.txt'), 'utf8')).toBe('149');
  });

  test('a writer thread that stops writing: the caller gives up after stallMs, saying how far it got', () => {
    const dir = tmp('bg-stall');
    const stuck = formatterModule("exports.format = (docs) => { if (docs[0] === 'stuck') for (;;); return String(docs[0]); };");
    const w = new BackgroundFileWriter(20, asText, stuck, { stallMs: 300 });
    w.writeDocuments(path.join(dir, 'a.txt'), ['a']);
    w.writeDocuments(path.join(dir, 'b.txt'), ['stuck']);
    w.writeDocuments(path.join(dir, 'c.txt'), ['c']);
    expect(() => w.finish()).toThrow('the file writer thread stopped: 1 of 3 files written');
    expect(() => w.finish()).not.toThrow();
  });

  test('abort() stops the worker without waiting; finish() after it does nothing', () => {
    const w = new BackgroundFileWriter(20, manifestYaml);
    w.writeDocuments(path.join(tmp('bg-abort'), 'a.txt'), ['a']);
    w.abort();
    expect(() => w.finish()).not.toThrow();
  });
});

test('a fleet large enough for the background writer writes what the Federation construct synthesizes', () => {
  const plants = Array.from({ length: 24 }, (_, i) => ({ name: `plant-${i}`, version: i % 2 ? '5.8.9' : '6.0.1', edition: i % 2 ? undefined : 'enterprise' as const }));
  const spec = fleetFederation(fleetSpec(plants, 'big'));
  const fleetDir = tmp('big-fleet');
  const out = synthesizeFleet(spec, { outdir: fleetDir });
  const appDir = tmp('big-app');
  const app = new App({ outdir: appDir });
  new Federation(app, 'big', spec);
  app.synth();
  const files = (d: string) => fs.readdirSync(d).sort();
  const objects = (d: string, f: string) => YAML.parseAllDocuments(fs.readFileSync(path.join(d, f), 'utf8'), { version: '1.1' }).map((doc) => doc.toJS());
  expect(out.files).toHaveLength(25);
  expect(files(fleetDir)).toEqual(files(appDir));
  for (const f of files(fleetDir)) expect([f, objects(fleetDir, f)]).toEqual([f, objects(appDir, f)]);
});

describe('synthesizeFleet with the background writer', () => {
  const plants = Array.from({ length: 20 }, (_, i) => ({ name: `plant-${i}`, version: '5.8.9' }));

  test('a file that cannot be written fails the synthesis, naming it', () => {
    const dir = tmp('fleet-eisdir');
    fs.mkdirSync(path.join(dir, 'w-plant-7.k8s.yaml'));
    expect(() => synthesizeFleet(fleetFederation(fleetSpec(plants, 'w')), { outdir: dir })).toThrow(/EISDIR.*w-plant-7\.k8s\.yaml|w-plant-7\.k8s\.yaml.*EISDIR/);
  });

  test('a site whose checks fail stops the fleet naming the check; the sites before it are written', () => {
    const dir = tmp('fleet-check-error');
    const base = fleetSpec(plants, 'e');
    const spec = fleetFederation({ ...base, plantTemplate: { ...base.plantTemplate, authorization: undefined, mqtt: { deviceKeepaliveSeconds: 400 }, listeners: [{ type: 'tcp' as never, exposure: Exposure.awsNlb() }], networkPolicies: { vpcCidrs: ['10.0.0.0/16'], dashboardFrom: base.plantTemplate!.networkPolicies!.dashboardFrom } } });
    expect(() => synthesizeFleet(spec, { outdir: dir })).toThrow(/plant-0.*EMQX-AnonymousListener/s);
    expect(fs.readdirSync(dir)).toEqual(['e-hub.k8s.yaml']);
  });

  test('spec problems in the sites are reported together; the sites built before are written', () => {
    const dir = tmp('fleet-spec-error');
    const base = fleetFederation(fleetSpec(plants, 's'));
    const spec = { ...base, plants: base.plants.map((p, i) => (i === 15 ? { ...p, mqtt: { deviceKeepaliveSeconds: -1 } } : p)) };
    expect(() => synthesizeFleet(spec, { outdir: dir })).toThrow(/plants\.plant-15\.mqtt/);
    expect(fs.readdirSync(dir)).toContain('s-plant-19.k8s.yaml');
  });
});
