// Archive-open benchmark: indexing the members of a ~1 GB uncompressed `docker save` archive (legacy
// shape: <id>/layer.tar, <id>/json, <id>/VERSION, <config>.json, manifest.json, repositories) with
//   - the old streaming scan: readTar over the whole file (1 MiB reads), as TarArchive.scan did;
//   - the new seeking scan: TarArchive.scan, which reads headers only (scanTarFile);
//   - `tar -tf FILE > /dev/null` (GNU tar seeks over members of a regular file too);
// same run, interleaved, with the page cache warm and (BENCH_COLD=1, the default) with the
// archive's pages dropped before each run by `dd iflag=nocache count=0` (this file only).
// Run after `npm run build` (or set STOWAGE_DIST to another build): `node bench/archive-open-bench.mjs`.
// BENCH_REPEAT (default 5) runs per case; best and median are reported. The fixture is cached in
// bench/out/docker-archive.tar (delete it to regenerate); results go to bench/out/archive-open.json.
// Node times are measured in-process (the scan alone); tar's include starting the process.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import console from 'node:console';
import process from 'node:process';
import { END_OF_ARCHIVE, padding, ustarHeader } from './tar-gen.mjs';
import { xorshift32 } from './xorshift.mjs';

const DIST = process.env.STOWAGE_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const FIXTURE = join(OUT, 'docker-archive.tar');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const COLD = process.env.BENCH_COLD !== '0';
const MB = 1 << 20;
/** LAYER_MB are the layer sizes: ~1 GB in all, a big base layer and smaller ones above it. */
const LAYER_MB = [300, 220, 160, 120, 90, 60, 40, 20, 8, 2];

const { readTar } = await import(pathToFileURL(join(DIST, 'tar/reader.js')).href);
const { scanTarFile } = await import(pathToFileURL(join(DIST, 'tar/scan-file.js')).href);
const { TarArchive } = await import(pathToFileURL(join(DIST, 'source/tar-archive.js')).href);

/** Writer appends to a file stream, honouring back-pressure. */
class Writer {
  constructor(path) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * MB });
    this.bytes = 0;
  }
  async write(buf) {
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, 'drain');
  }
  async close() {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** layerFiles plans a layer of about `bytes`: files of log-uniform sizes from 1 KB to 4 MB. */
function layerFiles(bytes, rand) {
  const files = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const size = Math.min(Math.round(Math.exp(Math.log(1000) + rand() * Math.log(4000))), bytes - total);
    files.push({ name: `usr/lib/d${i % 50}/f${i}.so`, size });
    total += 512 + size + padding(size).length;
  }
  return files;
}

/** layerSize is the byte size of the layer tar holding `files`. */
const layerSize = (files) =>
  files.reduce((n, f) => n + 512 + f.size + padding(f.size).length, 0) + END_OF_ARCHIVE.length;

/** writeMember writes one outer-archive member whose content `fill` writes (exactly `size` bytes). */
async function writeMember(w, name, size, fill, type = '0') {
  await w.write(ustarHeader(name, size, type));
  await fill();
  await w.write(padding(size));
}

async function generate() {
  mkdirSync(OUT, { recursive: true });
  const rand = xorshift32(42);
  const pool = Buffer.alloc(8 * MB);
  for (let i = 0; i < pool.length; i++) pool[i] = (rand() * 256) | 0;
  const w = new Writer(`${FIXTURE}.part`);
  const ids = [];
  for (const [i, mb] of LAYER_MB.entries()) {
    const id = (i + 1).toString(16).padStart(64, 'a');
    ids.push(id);
    const files = layerFiles(mb * MB, rand);
    await writeMember(w, `${id}/`, 0, async () => {}, '5');
    await writeMember(w, `${id}/VERSION`, 3, () => w.write(Buffer.from('1.0')));
    const json = Buffer.from(JSON.stringify({ id, parent: ids[i - 1] }));
    await writeMember(w, `${id}/json`, json.length, () => w.write(json));
    await writeMember(w, `${id}/layer.tar`, layerSize(files), async () => {
      for (const f of files) {
        await w.write(ustarHeader(f.name, f.size));
        const at = Math.floor(rand() * (pool.length - f.size));
        await w.write(pool.subarray(at, at + f.size));
        await w.write(padding(f.size));
      }
      await w.write(END_OF_ARCHIVE);
    });
  }
  const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [] } }));
  const configName = `${'c'.repeat(64)}.json`;
  await writeMember(w, configName, config.length, () => w.write(config));
  const manifest = Buffer.from(
    JSON.stringify([
      { Config: configName, RepoTags: ['bench:latest'], Layers: ids.map((id) => `${id}/layer.tar`) },
    ]),
  );
  await writeMember(w, 'manifest.json', manifest.length, () => w.write(manifest));
  const repositories = Buffer.from(JSON.stringify({ bench: { latest: ids.at(-1) } }));
  await writeMember(w, 'repositories', repositories.length, () => w.write(repositories));
  await w.write(END_OF_ARCHIVE);
  await w.write(Buffer.alloc((10240 - (w.bytes % 10240)) % 10240)); // record padding, as tar writes
  await w.close();
  await run('mv', [`${FIXTURE}.part`, FIXTURE]);
}

function run(cmd, args) {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { maxBuffer: 64 * MB }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

/** memberOf is the index record both scans are compared on. */
const memberOf = (entry, dataOffset) => ({
  dataOffset,
  size: entry.size,
  type: entry.type,
  linkTarget: entry.linkTarget,
});

/** streamingIndex is the old TarArchive.scan: readTar over every byte of the file. */
async function streamingIndex(file) {
  const members = new Map();
  const where = { file };
  for await (const item of readTar(createReadStream(file, { highWaterMark: MB }), { where })) {
    members.set(item.entry.rawPath, memberOf(item.entry, item.dataOffset));
  }
  return members;
}

/** seekingIndex is scanTarFile's index, for the equality check. */
async function seekingIndex(file) {
  const members = new Map();
  for await (const found of scanTarFile(file))
    members.set(found.entry.rawPath, memberOf(found.entry, found.dataOffset));
  return members;
}

/** CASES are the three ways of opening the archive; each returns its member count. */
const CASES = {
  streaming: async () => (await streamingIndex(FIXTURE)).size,
  seeking: async () => (await TarArchive.scan(FIXTURE)).names().length,
  'tar -tf': async () => (await run('sh', ['-c', `tar -tf '${FIXTURE}' > /dev/null`]), undefined),
};

async function timeOnce(fn, cold) {
  if (cold) await run('dd', [`if=${FIXTURE}`, 'iflag=nocache', 'count=0', 'status=none']);
  const start = process.hrtime.bigint();
  const members = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, members };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(cold) {
  const times = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]));
  for (let i = 0; i < REPEAT; i++) {
    for (const [name, fn] of Object.entries(CASES)) times[name].push((await timeOnce(fn, cold)).seconds);
  }
  const out = {};
  for (const [name, ts] of Object.entries(times))
    out[name] = { best: Math.min(...ts), median: median(ts), runs: ts };
  return out;
}

async function main() {
  if (!existsSync(FIXTURE)) {
    console.log('generating bench/out/docker-archive.tar …');
    await generate();
  }
  const bytes = statSync(FIXTURE).size;
  const [streamed, seeked] = [await streamingIndex(FIXTURE), await seekingIndex(FIXTURE)];
  const same = JSON.stringify([...streamed]) === JSON.stringify([...seeked]);
  if (!same) throw new Error('the seeking index differs from the streaming index');
  const results = {
    fixture: FIXTURE,
    bytes,
    members: seeked.size,
    repeat: REPEAT,
    warm: await measure(false),
  };
  if (COLD) results.cold = await measure(true);
  console.log(`${FIXTURE}: ${(bytes / 1e9).toFixed(2)} GB, ${seeked.size} members; indexes equal: ${same}`);
  for (const cache of ['warm', 'cold']) {
    const r = results[cache];
    if (r === undefined) continue;
    console.log(`\npage cache ${cache} (best / median of ${REPEAT}, seconds)`);
    for (const [name, t] of Object.entries(r)) {
      console.log(`  ${name.padEnd(10)} ${t.best.toFixed(4).padStart(9)} ${t.median.toFixed(4).padStart(9)}`);
    }
    const ratio = r.streaming.median / r.seeking.median;
    const vsTar = r['tar -tf'].median / r.seeking.median;
    r.ratios = { streamingOverSeeking: ratio, tarOverSeeking: vsTar };
    console.log(
      `  streaming / seeking: ${ratio.toFixed(0)}x   tar -tf / seeking: ${vsTar.toFixed(1)}x (medians)`,
    );
  }
  writeFileSync(join(OUT, 'archive-open.json'), `${JSON.stringify(results, null, 2)}\n`);
}

await main();
