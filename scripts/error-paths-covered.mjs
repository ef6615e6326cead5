// Fails when a `throw new EmqxSpecError` of lib/ never ran under the tests: every refusal the library can give has a
// test naming its field and message (test/hardening/error-paths.test.ts holds the ones no other suite reaches).
//   node scripts/error-paths-covered.mjs <jest coverage-final.json>
import fs from 'node:fs';

const coverage = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let total = 0;
const missed = [];
for (const [file, data] of Object.entries(coverage)) {
  if (!/[/\\]lib[/\\]/.test(file)) continue;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [id, loc] of Object.entries(data.statementMap)) {
    const text = lines[loc.start.line - 1].slice(loc.start.column);
    if (!text.startsWith('throw new EmqxSpecError')) continue;
    total++;
    if (data.s[id] === 0) missed.push(`${file.slice(file.search(/[/\\]lib[/\\]/) + 1)}:${loc.start.line}: ${text.slice(0, 140)}`);
  }
}
if (total === 0) {
  console.error('no EmqxSpecError throw found in the coverage: is it the coverage of lib/?');
  process.exit(2);
}
console.log(`EmqxSpecError refusals: ${total}, run under the tests: ${total - missed.length}`);
if (missed.length) {
  console.error(`never run (add a row to test/hardening/error-paths.test.ts):\n${missed.join('\n')}`);
  process.exit(1);
}
