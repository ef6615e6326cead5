// Writes docs/CHECKS.md from the checks' metadata: `npm run docs:checks`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderChecksCatalogue } from '../lib/checks/checks-catalogue';

const out = path.join(__dirname, '..', 'docs', 'CHECKS.md');
fs.writeFileSync(out, renderChecksCatalogue());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
