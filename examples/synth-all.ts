// Synthesizes every example: manifests into <outdir>/<example>/ (outdir: CDK8S_OUTDIR or dist), and the
// findings reports and diagrams into <reports>/<example>/ (EMQX_REPORTS_DIR or reports), outside any
// folder a GitOps tool would apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { writeReports } from 'emqx-constructs';
import { EXAMPLES } from './index';

const outRoot = process.env.CDK8S_OUTDIR ?? 'dist';
const reportsRoot = process.env.EMQX_REPORTS_DIR ?? 'reports';
for (const dir of [outRoot, reportsRoot]) fs.rmSync(dir, { recursive: true, force: true });
for (const [name, build] of Object.entries(EXAMPLES)) {
  const app = new App({ outdir: path.join(outRoot, name) });
  build(app);
  app.synth();
  writeReports(app, path.join(reportsRoot, name));
  console.log(`synthesized ${name} -> ${path.join(outRoot, name)} (reports: ${path.join(reportsRoot, name)})`);
}
