// npm run bench: synthesis time and memory of fleets of 1 to 1000 plants (not a test). Side by side, per size:
//   fleet:   synthesizeFleet() in-process (build + checks + YAML), site by site
//   command: the whole command for that fleet (`node -r tsx/cjs`, process start to exit)
//   json:    the same objects (precomputed) written with JSON.stringify: the physical floor
//   writer:  the same objects written with our manifest writer alone
//   yaml:    the same objects written with cdk8s's YAML writer (the yaml package), what synthesis used before
//   naive:   plain cdk8s, all sites as charts of one App (up to BENCH_NAIVE_MAX plants, default 500)
// Each measurement runs in its own process. BENCH_SIZES="1,10,100" to change the fleet sizes. The fleet and json
// measurements, whose ratio is the target, run BENCH_REPEAT times (default 3) and report the median, with the fleet's
// spread: on a small shared machine one run varies by ±20%.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

const sizes = (process.env.BENCH_SIZES ?? '1,10,100,500,1000').split(',').map(Number);
const naiveMax = Number(process.env.BENCH_NAIVE_MAX ?? 500);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const worker = path.join(__dirname, 'fleet-worker.ts');

interface Row { mode: string; plants: number; objects: number; ms: number; maxRssMiB: number }

function measure(mode: string, n: number): Row & { wallMs: number } {
  const out = path.join(os.tmpdir(), `emqx-bench-${mode}-${n}`);
  const t0 = Date.now();
  // one node process with tsx's require hook, as `npx cdk8s synth` runs the examples (its threads load TypeScript too)
  const line = execFileSync(process.execPath, ['-r', 'tsx/cjs', worker, mode, String(n), out], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!;
  return { ...JSON.parse(line), wallMs: Date.now() - t0 };
}

/** The median run of `repeat` (by time), with the fastest and slowest times. */
function median(mode: string, n: number): Row & { wallMs: number; minMs: number; maxMs: number } {
  const runs = Array.from({ length: repeat }, () => measure(mode, n)).sort((a, b) => a.ms - b.ms);
  return { ...runs[Math.floor(runs.length / 2)], minMs: runs[0].ms, maxMs: runs[runs.length - 1].ms };
}

const heads = ['plants', 'objects', 'fleet ms', 'fleet range', 'ms/plant', 'RSS MiB', 'command ms', 'json ms', '× json', 'writer ms', 'yaml ms', 'naive ms', 'naive/plant'];
const pad = (s: string | number, w: number) => String(s).padStart(w);
const rows: string[] = [heads.map((h, i) => pad(h, i === 0 ? 6 : 11)).join(' ')];
const at: Record<number, { perPlant: number; ratio: number; rss: number }> = {};
for (const n of sizes) {
  const fleet = median('fleet', n);
  const json = median('json', n);
  const writer = measure('writer', n);
  const yaml = measure('floor', n);
  const naive = n <= naiveMax ? measure('naive', n) : undefined;
  at[n] = { perPlant: fleet.ms / n, ratio: fleet.ms / Math.max(1, json.ms), rss: fleet.maxRssMiB };
  rows.push([
    pad(n, 6), pad(fleet.objects, 11), pad(fleet.ms, 11), pad(`${fleet.minMs}-${fleet.maxMs}`, 11), pad((fleet.ms / n).toFixed(2), 11), pad(fleet.maxRssMiB, 11), pad(fleet.wallMs, 11),
    pad(json.ms, 11), pad(at[n].ratio.toFixed(1), 11), pad(writer.ms, 11), pad(yaml.ms, 11), pad(naive ? naive.ms : '-', 11), pad(naive ? (naive.ms / n).toFixed(2) : '-', 11),
  ].join(' '));
  console.error(rows[rows.length - 1]);
}
console.log(rows.join('\n'));
if (at[100] && at[1000]) {
  console.log(`\n(fleet and json: the median of ${repeat} runs)`);
  console.log(`targets at 1000 plants: ${at[1000].ratio.toFixed(1)}× JSON.stringify and writing the files (≤ 10), ms/plant ${(at[1000].perPlant / at[100].perPlant).toFixed(2)}× the 100-plant figure (≤ 1.3), peak RSS ${at[1000].rss} MiB (< 256)`);
}
