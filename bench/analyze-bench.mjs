// Analysis benchmark (issue: layer file trees and waste): stowage's full analysis — read, sha256 of
// every file body, stack, exact waste, duplicates, dive's score — in a child process, against
// `gzip -dc LAYER | tar -t` over the same layers run one after another, in the same run. Cases: a
// 4-layer ≥ 1 GB image with ≥ 50k files, its first layer alone, and 100k files (peak RSS).
// Run with `npm run build && node bench/analyze-bench.mjs`; STOWAGE_DIST points at another build.
// Wall and CPU seconds are both reported, runs are interleaved (stowage, then the baseline) and
// both the best-of-N ratio and the median ratio of pairs are given, with the load average: on a
// shared machine the wall-time ratio is only as good as the load allows. Targets: ≥ 1.8× the baseline on one layer, ≥ 2.3× on the multi-layer image, RSS < 300 MB at 100k files.
// Each pair also times two floors: under any Node analysis (inflate-child.mjs: node:zlib inflating
// the same layers, two at a time, and nothing else), and under this one (read-child.mjs: reading
// every entry with both digests checked and every body hashed, without building anything), so
// the figures say how much of the gap to a target is inflation, and how much is reading.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { ensureAnalyzeImages } from './analyze-image-gen.mjs';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const DIST = process.env.STOWAGE_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
const CHILD = fileURLToPath(new URL('./analyze-child.mjs', import.meta.url));
const INFLATE_CHILD = fileURLToPath(new URL('./inflate-child.mjs', import.meta.url));
const READ_CHILD = fileURLToPath(new URL('./read-child.mjs', import.meta.url));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);

function exec(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

/** baseline times `gzip -dc | tar -t` over every layer of a layout, one after another. */
async function baseline(dir) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(
    readFileSync(join(dir, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8'),
  );
  const start = process.hrtime.bigint();
  let cpuSeconds = 0;
  for (const l of manifest.layers) {
    // bash's `times` prints the children's user and system CPU time on its second line
    const blob = join(dir, 'blobs', 'sha256', l.digest.slice(7));
    const out = await exec('bash', ['-c', `gzip -dc '${blob}' | tar -t > /dev/null; times`]);
    const line = out.trim().split('\n')[1] ?? '';
    for (const m of line.matchAll(/(\d+)m([\d.]+)s/g)) cpuSeconds += Number(m[1]) * 60 + Number(m[2]);
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds };
}

async function stowage(dir) {
  return JSON.parse(await exec(process.execPath, [CHILD, DIST, `oci:${dir}:bench`]));
}

async function inflateOnly(dir) {
  return JSON.parse(await exec(process.execPath, [INFLATE_CHILD, dir]));
}

async function readOnly(dir) {
  return JSON.parse(await exec(process.execPath, [READ_CHILD, DIST, `oci:${dir}:bench`]));
}

/**
 * pairs runs stowage, the baseline and the two floors REPEAT times, interleaved, so a busy moment
 * hits all alike.
 */
async function pairs(dir) {
  const ours = [];
  const base = [];
  const floor = [];
  const reading = [];
  for (let i = 0; i < REPEAT; i++) {
    ours.push(await stowage(dir));
    base.push(await baseline(dir));
    floor.push(await inflateOnly(dir));
    reading.push(await readOnly(dir));
  }
  return { ours, base, floor, reading };
}

const fastest = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const images = await ensureAnalyzeImages(OUT, (m) => console.error(m));
const results = {};
for (const [name, dir, target] of [
  ['single layer', images.single, 1.8],
  ['4 layers, ≥1 GB, 56k files', images.multi, 2.3],
  ['100k files', images.many, undefined],
]) {
  const load = loadavg()[0];
  const runs = await pairs(dir);
  const base = fastest(runs.base);
  const ours = fastest(runs.ours);
  const floor = fastest(runs.floor);
  const reading = fastest(runs.reading);
  const ratio = base.seconds / ours.seconds;
  const medianPairRatio = median(runs.ours.map((r, i) => runs.base[i].seconds / r.seconds));
  results[name] = {
    baseline: base,
    stowage: ours,
    speedup: ratio,
    medianPairRatio,
    target,
    inflateOnly: floor,
    inflateOnlySpeedup: base.seconds / floor.seconds,
    readingOnly: reading,
    readingOnlySpeedup: base.seconds / reading.seconds,
    loadAverage: load,
    runs,
  };
  console.log(
    `${name.padEnd(28)} gzip -dc | tar -t ${base.seconds.toFixed(2)} s (CPU ${base.cpuSeconds.toFixed(2)} s)   ` +
      `stowage analysis ${ours.seconds.toFixed(2)} s (CPU ${ours.cpuSeconds.toFixed(2)} s)   ` +
      `${ratio.toFixed(2)}× best, ${medianPairRatio.toFixed(2)}× median pair` +
      `${target === undefined ? '' : ` (target ≥ ${target}×: ${ratio >= target ? 'met' : 'MISSED'})`}   ` +
      `inflate alone ${floor.seconds.toFixed(2)} s (${(base.seconds / floor.seconds).toFixed(2)}×)   ` +
      `reading alone ${reading.seconds.toFixed(2)} s (${(base.seconds / reading.seconds).toFixed(2)}×)   ` +
      `peak RSS ${Math.max(...runs.ours.map((r) => r.maxRssMB)).toFixed(0)} MB   ${ours.files} files, ` +
      `${(ours.layerFileBytes / 1e9).toFixed(2)} GB, ${(ours.reclaimableBytes / 1e6).toFixed(1)} MB reclaimable   ` +
      `load ${load.toFixed(1)}`,
  );
}
const rss = Math.max(...results['100k files'].runs.ours.map((r) => r.maxRssMB));
console.log(
  `peak RSS at 100k files: ${rss.toFixed(0)} MB (target < 300 MB: ${rss < 300 ? 'met' : 'MISSED'})`,
);
writeFileSync(join(OUT, 'analyze-results.json'), JSON.stringify(results, null, 2));
