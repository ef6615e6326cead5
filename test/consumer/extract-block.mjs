// Prints the first ```ts block after the README heading given as the argument (the consumer test runs it as is).
import * as fs from 'node:fs';
const [readme, heading] = process.argv.slice(2);
const text = fs.readFileSync(readme, 'utf8');
const at = text.indexOf(`\n${heading}\n`);
if (at < 0) { console.error(`no heading ${heading}`); process.exit(2); }
const m = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
if (!m) { console.error(`no ts block after ${heading}`); process.exit(2); }
process.stdout.write(m[1]);
