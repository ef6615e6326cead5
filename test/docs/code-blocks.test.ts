// Every ```ts block of README.md and docs/*.md compiles, as a module importing 'emqx-constructs' the way a
// user's project does (here the name maps to the sources through tsconfig paths). The blocks are compiled in
// memory: nothing is written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const repo = path.resolve(__dirname, '../..');
const docs = ['README.md', ...fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block { readonly file: string; readonly line: number; readonly code: string; readonly virtualPath: string }

function blocks(): Block[] {
  const out: Block[] = [];
  for (const file of docs) {
    const lines = fs.readFileSync(path.join(repo, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      // a block whose first line is a file name comment (`// federation.ts: ...`) is that file of the user's project,
      // which other blocks of the same page import (`from './federation'`); the others get a name of their own
      const named = /^\/\/ ([\w-]+\.ts)\b/.exec(lines[start] ?? '')?.[1];
      const dir = path.join(repo, '.code-blocks', file.replace(/[/.]/g, '_'));
      const taken = named !== undefined && out.some((b) => b.virtualPath === path.join(dir, named));
      const virtualPath = path.join(dir, named && !taken ? named : `block_${start + 1}.ts`);
      // `export {}` keeps each block its own module, as a file of a user's project is (a Pulumi program's
      // `export = ...` makes it one already, and allows no other export)
      const code = lines.slice(start, end).join('\n');
      out.push({ file, line: start + 1, code: /^export = /m.test(code) ? `${code}\n` : `${code}\nexport {};\n`, virtualPath });
      i = end;
    }
  }
  return out;
}

test('every TypeScript block in README.md and docs/ type-checks against the public API', () => {
  const all = blocks();
  expect(all.length).toBeGreaterThanOrEqual(8);
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repo, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } })!;
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, types: ['node'] };
  const virtual = new Map(all.map((b) => [b.virtualPath, b]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.directoryExists = (d) => [...virtual.keys()].some((f) => f.startsWith(`${d}/`)) || ts.sys.directoryExists(d);
  host.readFile = (f) => virtual.get(f)?.code ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => (virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!.code, lang, true) : getSourceFile.call(host, f, lang, ...rest));
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && virtual.has(d.file.fileName))
    .map((d) => {
      const b = virtual.get(d.file!.fileName)!;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${b.file}:${b.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  // every block imports from the package by its name, as users do
  for (const b of all) if (!/from 'emqx-constructs(\/pulumi)?'/.test(b.code)) problems.push(`${b.file}:${b.line}: does not import from 'emqx-constructs'`);
  expect(problems).toEqual([]);
});
