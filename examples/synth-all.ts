// Synthesizes every example into <outdir>/<example>/ (outdir: CDK8S_OUTDIR or dist).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { EXAMPLES } from './index';

const outRoot = process.env.CDK8S_OUTDIR ?? 'dist';
fs.rmSync(outRoot, { recursive: true, force: true });
for (const [name, build] of Object.entries(EXAMPLES)) {
  const app = new App({ outdir: path.join(outRoot, name) });
  build(app);
  app.synth();
  console.log(`synthesized ${name} -> ${path.join(outRoot, name)}`);
}
