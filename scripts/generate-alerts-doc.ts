// Writes docs/ALERTS.md from the alert rules and runbooks: `npm run docs:alerts`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderAlertsCatalogue } from '../lib/monitoring/alerts-catalogue';

const out = path.join(__dirname, '..', 'docs', 'ALERTS.md');
fs.writeFileSync(out, renderAlertsCatalogue());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
