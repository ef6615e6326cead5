// npm run bench: synthesis time and memory of fleets of 1 to 1000 plants (not a test).
//   (a) fleet:   synthesizeFleet() in-process (build + checks + YAML), site by site
//   (b) command: the whole `tsx examples/fleet/main.ts`-style command for that fleet (process start to exit)
//   (c) floor:   writing the same objects (precomputed) with the same YAML library
//   (d) naive:   plain cdk8s, all sites as charts of one App (up to BENCH_NAIVE_MAX plants, default 500)
// Each measurement runs in its own process. BENCH_SIZES="1,10,100" to change the fleet sizes.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

const sizes = (process.env.BENCH_SIZES ?? '1,10,100,500,1000').split(',').map(Number);
const naiveMax = Number(process.env.BENCH_NAIVE_MAX ?? 500);
const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const worker = path.join(__dirname, 'fleet-worker.ts');

interface Row { mode: string; plants: number; objects: number; ms: number; maxRssMiB: number }

function measure(mode: string, n: number): Row & { wallMs: number } {
  const out = path.join(os.tmpdir(), `emqx-bench-${mode}-${n}`);
  const t0 = Date.now();
  const line = execFileSync(tsx, [worker, mode, String(n), out], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!;
  return { ...JSON.parse(line), wallMs: Date.now() - t0 };
}

const rows: string[] = [];
const pad = (s: string | number, w: number) => String(s).padStart(w);
rows.push(['plants', 'objects', 'fleet ms', 'ms/plant', '× floor', 'RSS MiB', 'command ms', 'floor ms', 'naive ms', 'naive ms/plant'].map((h, i) => pad(h, i === 0 ? 6 : 11)).join(' '));
let perPlant100: number | undefined;
let perPlant1000: number | undefined;
let ratio1000: number | undefined;
let rss1000: number | undefined;
for (const n of sizes) {
  const fleet = measure('fleet', n);
  const floor = measure('floor', n);
  const naive = n <= naiveMax ? measure('naive', n) : undefined;
  const perPlant = fleet.ms / n;
  if (n === 100) perPlant100 = perPlant;
  if (n === 1000) {
    perPlant1000 = perPlant;
    ratio1000 = fleet.ms / floor.ms;
    rss1000 = fleet.maxRssMiB;
  }
  rows.push([
    pad(n, 6), pad(fleet.objects, 11), pad(fleet.ms, 11), pad(perPlant.toFixed(2), 11), pad((fleet.ms / Math.max(1, floor.ms)).toFixed(2), 11),
    pad(fleet.maxRssMiB, 11), pad(fleet.wallMs, 11), pad(floor.ms, 11), pad(naive ? naive.ms : '-', 11), pad(naive ? (naive.ms / n).toFixed(2) : '-', 11),
  ].join(' '));
  console.error(rows[rows.length - 1]);
}
console.log(rows.join('\n'));
if (perPlant100 !== undefined && perPlant1000 !== undefined) {
  console.log(`\ntargets at 1000 plants: ${ratio1000!.toFixed(2)}× the floor (≤ 2), ms/plant ${(perPlant1000 / perPlant100).toFixed(2)}× the 100-plant figure (≤ 1.3), peak RSS ${rss1000} MiB (< 1024)`);
}
