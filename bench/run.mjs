// Read benchmark (DESIGN §5.5): stowage's layer pipeline against `gzip -dc | tar -t` and
// `zstd -dc | tar -t` on the same files in the same run, plus a 2 GiB all-zero layer for memory.
// Run with `npm run bench`; BENCH_REPEAT (default 3) sets runs per case, the best is reported.
// Results go to stdout and bench/out/results.json.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { URL, fileURLToPath } from 'node:url';
import console from 'node:console';
import process from 'node:process';
import { ensureFixtures } from './generate.mjs';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const PIPELINE = fileURLToPath(new URL('./pipeline.mjs', import.meta.url));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const TARGET_RATIO = 2.0;
const TARGET_RSS_MB = 200;

/** timed runs a command to completion and returns its wall time in seconds and its stdout. */
function timed(cmd, args) {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, stdout });
    });
  });
}

/** stowage runs the pipeline in a child node process; wall time is measured here, like the shell's. */
async function stowage(blob, mode) {
  const { seconds, stdout } = await timed(process.execPath, [PIPELINE, JSON.stringify({ ...blob, mode })]);
  return { ...JSON.parse(stdout), wallSeconds: seconds };
}

/** shell runs the baseline pipeline `<tool> -dc FILE | tar -t > /dev/null`; `times` reports its CPU use. */
async function shell(tool, path) {
  const { seconds, stdout } = await timed('sh', ['-c', `${tool} -dc '${path}' | tar -t > /dev/null; times`]);
  // The second line of `times` is the children's user and system time, e.g. "0m8.330000s 0m0.910000s".
  const children = stdout.trim().split('\n')[1] ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (t, m) => t + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return { wallSeconds: seconds, cpuSeconds };
}

const mbps = (bytes, seconds) => bytes / 1e6 / seconds;
const best = (runs) => runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, blob, tool, expectedEntries) {
  const node = [];
  const base = [];
  for (let i = 0; i < REPEAT; i++) {
    // Interleaved, so a busy moment on the machine hits both sides alike.
    node.push(await stowage(blob, 'list'));
    base.push(await shell(tool, blob.path));
  }
  const n = best(node);
  const b = best(base);
  if (n.entries !== expectedEntries)
    throw new Error(`${name}: read ${n.entries} entries, expected ${expectedEntries}`);
  const result = {
    name,
    compressedBytes: blob.size,
    uncompressedBytes: blob.uncompressedSize,
    stowageSeconds: n.wallSeconds,
    stowageMBps: mbps(blob.uncompressedSize, n.wallSeconds),
    baseline: `${tool} -dc | tar -t`,
    baselineSeconds: b.wallSeconds,
    baselineMBps: mbps(blob.uncompressedSize, b.wallSeconds),
    ratio: b.wallSeconds / n.wallSeconds,
    // Each stowage run is paired with the baseline run right after it; on a busy machine the median
    // of these ratios is steadier than the ratio of the two best times.
    medianPairRatio: median(node.map((r, i) => base[i].wallSeconds / r.wallSeconds)),
    baselineCpuSeconds: b.cpuSeconds,
    stowageCpuSeconds: n.cpuSeconds,
    peakRssMB: Math.max(...node.map((r) => r.maxRssMB)),
    entries: n.entries,
    allStowageSeconds: node.map((r) => r.wallSeconds),
    allBaselineSeconds: base.map((r) => r.wallSeconds),
  };
  console.log(
    `${name.padEnd(16)} stowage ${result.stowageMBps.toFixed(0).padStart(5)} MB/s  ` +
      `${result.baseline} ${result.baselineMBps.toFixed(0).padStart(5)} MB/s  ` +
      `ratio ${result.ratio.toFixed(2)}x (median pair ${result.medianPairRatio.toFixed(2)}x)  ` +
      `CPU ${result.stowageCpuSeconds.toFixed(1)} s vs ${result.baselineCpuSeconds.toFixed(1)} s  ` +
      `peak RSS ${result.peakRssMB.toFixed(0)} MB`,
  );
  return result;
}

/** hashAll reads every body with contentHash on: what analysis does, for reference. */
async function hashAll(name, blob) {
  const r = best([await stowage(blob, 'hash')]);
  const out = {
    name,
    stowageSeconds: r.wallSeconds,
    stowageMBps: mbps(blob.uncompressedSize, r.wallSeconds),
    peakRssMB: r.maxRssMB,
  };
  console.log(
    `${name.padEnd(16)} stowage ${out.stowageMBps.toFixed(0).padStart(5)} MB/s  (every body read and sha256-hashed)  peak RSS ${out.peakRssMB.toFixed(0)} MB`,
  );
  return out;
}

async function main() {
  const fixtures = await ensureFixtures(OUT, (m) => console.log(m));
  const { realistic, zeros } = fixtures;
  const loadBefore = loadavg();
  console.log(
    `realistic layer: ${(realistic.tar.size / 1e9).toFixed(2)} GB tar, ${realistic.entries} entries, ` +
      `gzip ${(realistic.gzip.size / 1e6).toFixed(0)} MB, zstd ${(realistic.zstd.size / 1e6).toFixed(0)} MB; best of ${REPEAT}`,
  );
  const cases = [
    await measure('realistic gzip', realistic.gzip, 'gzip', realistic.entries),
    await measure('realistic zstd', realistic.zstd, 'zstd', realistic.entries),
    await measure('zeros 2GiB gzip', zeros.gzip, 'gzip', zeros.entries),
    await measure('zeros 2GiB zstd', zeros.zstd, 'zstd', zeros.entries),
  ];
  const reference = [
    await hashAll('realistic gzip', realistic.gzip),
    await hashAll('realistic zstd', realistic.zstd),
  ];
  const gz = cases[0];
  const checks = {
    gzipRatioAtLeast2: gz.ratio >= TARGET_RATIO,
    peakRssUnder200MB: cases.every((c) => c.peakRssMB < TARGET_RSS_MB),
  };
  console.log(
    `targets: gzip ratio >= ${TARGET_RATIO}: ${checks.gzipRatioAtLeast2 ? 'met' : 'MISSED'}; ` +
      `peak RSS < ${TARGET_RSS_MB} MB: ${checks.peakRssUnder200MB ? 'met' : 'MISSED'}`,
  );
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverage: { before: loadBefore, after: loadavg() },
    fixtures: {
      notes: fixtures.notes,
      realisticEntries: realistic.entries,
      realisticTarBytes: realistic.tar.size,
    },
    cases,
    reference,
    checks,
  };
  writeFileSync(`${OUT}results.json`, JSON.stringify(results, null, 2));
  console.log(`wrote ${OUT}results.json`);
}

await main();
