// npm run docs:defaults: writes docs/DEFAULTS.md from lib/versions/pinned-defaults.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPinnedDefaultsDoc } from '../lib/versions/pinned-defaults';

const out = path.join(__dirname, '..', 'docs', 'DEFAULTS.md');
fs.writeFileSync(out, renderPinnedDefaultsDoc());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
