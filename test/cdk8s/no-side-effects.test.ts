// Nothing is written outside the output folder the user chose, and only manifests go in it: a GitOps
// tool applying that folder (Argo CD/Flux directory sources, `kubectl apply -f`) reads .json files too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { build as buildFederation } from '../../examples/federation/main';
import { build as buildDefault } from '../../examples/enterprise-cluster/main';
import { renderInMemory } from '../../lib/pulumi/render-in-memory';

describe('no side effects', () => {
  const home = process.cwd();
  let cwd: string;
  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'side-effects-'));
    process.chdir(cwd);
  });
  afterEach(() => process.chdir(home));

  test('the Pulumi in-memory render writes nothing at all', () => {
    const charts = renderInMemory((app) => {
      buildFederation(app);
      buildDefault(app);
    });
    expect(charts.map((c) => c.id)).toContain('iiot-eu-hub-eu');
    expect(charts.every((c) => c.objects.length > 0)).toBe(true);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  test('cdk8s synthesis writes the manifests into the chosen folder and nothing else, anywhere', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
    const app = new App({ outdir });
    buildFederation(app);
    app.synth();
    expect(fs.readdirSync(cwd)).toEqual([]);
    const files = fs.readdirSync(outdir);
    expect(files.length).toBeGreaterThan(1);
    expect(files.filter((f) => !f.endsWith('.k8s.yaml'))).toEqual([]);
  });
});
