// Registry benchmark: pull-and-analyse an image of a few hundred MB from a loopback docker-registry
// (stowage: fetch every blob into a fresh cache, verify, decompress and list every layer's entries)
// against `skopeo copy docker://… oci:DIR` of the same image (fetch and write only), same run.
// Run after `npm run build` (or set STOWAGE_DIST to another build): `node bench/registry-bench.mjs`.
// BENCH_REPEAT (default 3) runs per side, alternating; the best of each is reported.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import console from 'node:console';
import process from 'node:process';

const DIST = process.env.STOWAGE_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const MB = 1 << 20;

function run(cmd, args) {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { maxBuffer: 64 * MB }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

async function timed(cmd, args) {
  const start = process.hrtime.bigint();
  const stdout = await run(cmd, args);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, stdout };
}

/** child mode: read every layer of REFERENCE through CACHE_DIR and print counts. */
async function pullAndAnalyse(reference, cacheDir) {
  const { openRegistry } = await import(pathToFileURL(join(DIST, 'source/registry/index.js')).href);
  const { blobImage } = await import(pathToFileURL(join(DIST, 'source/blob-image.js')).href);
  const image = blobImage(await openRegistry(reference, { cacheDir }));
  const layers = await image.layers();
  let entries = 0;
  let bytes = 0;
  // Two layers at a time, as `stowage inspect` reads them.
  let next = 0;
  const worker = async () => {
    while (next < layers.length) {
      const layer = layers[next++];
      for await (const e of layer.entries()) {
        entries++;
        bytes += e.size;
      }
    }
  };
  await Promise.all([worker(), worker()]);
  process.stdout.write(JSON.stringify({ layers: layers.length, entries, bytes }));
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function writeRandomFile(file, size, textual) {
  const out = createWriteStream(file);
  for (let left = size; left > 0; left -= MB) {
    const chunk = randomBytes(Math.min(MB, left));
    // base64 text compresses to ~75%: a stand-in for binaries and text in real images.
    const data = textual ? Buffer.from(chunk.toString('base64').slice(0, chunk.length)) : chunk;
    if (!out.write(data)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

/** makeImage builds a ~300 MB, 4-layer image with umoci: random, text-like, many small files. */
async function makeImage(work) {
  const layout = join(work, 'layout');
  const bundle = join(work, 'bundle');
  await run('umoci', ['init', '--layout', layout]);
  await run('umoci', ['new', '--image', `${layout}:v1`]);
  await run('umoci', ['unpack', '--image', `${layout}:v1`, bundle]);
  const rootfs = join(bundle, 'rootfs');
  const steps = [
    async () => writeRandomFile(join(rootfs, 'random.bin'), 100 * MB, false),
    async () => writeRandomFile(join(rootfs, 'text.txt'), 120 * MB, true),
    async () => {
      for (let d = 0; d < 100; d++) {
        await mkdir(join(rootfs, 'usr', 'share', `d${d}`), { recursive: true });
        for (let f = 0; f < 200; f++) {
          await writeFile(
            join(rootfs, 'usr', 'share', `d${d}`, `f${f}.txt`),
            randomBytes(1500).toString('base64'),
          );
        }
      }
    },
    async () => writeRandomFile(join(rootfs, 'more.bin'), 60 * MB, true),
  ];
  for (const step of steps) {
    await step();
    await run('umoci', ['repack', '--refresh-bundle', '--image', `${layout}:v1`, bundle]);
  }
  return layout;
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'stowage-registry-bench-'));
  let registry;
  try {
    console.log('building the image …');
    const layout = await makeImage(work);
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const cfg = join(work, 'config.yml');
    await writeFile(
      cfg,
      `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${join(work, 'data')}}}\nhttp: {addr: "${host}"}\n`,
    );
    registry = spawn('docker-registry', ['serve', cfg], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try {
        await fetch(`http://${host}/v2/`);
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await run('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${layout}:v1`,
      `docker://${host}/bench:v1`,
    ]);
    const reference = `${host}/bench:v1`;
    const self = fileURLToPath(import.meta.url);
    const ours = [];
    const theirs = [];
    let counts;
    for (let i = 0; i < REPEAT; i++) {
      const cacheDir = join(work, `cache-${i}`);
      const a = await timed(process.execPath, [self, '--pull', reference, cacheDir]);
      counts = JSON.parse(a.stdout);
      ours.push(a.seconds);
      await rm(cacheDir, { recursive: true, force: true });
      const dir = join(work, `skopeo-${i}`);
      const b = await timed('skopeo', [
        'copy',
        '--quiet',
        '--src-tls-verify=false',
        `docker://${reference}`,
        `oci:${dir}:v1`,
      ]);
      theirs.push(b.seconds);
      await rm(dir, { recursive: true, force: true });
    }
    const best = (xs) => Math.min(...xs);
    const size = Number((await run('du', ['-sb', join(work, 'data')])).split('\t')[0]);
    console.log(
      `image: ${counts.layers} layers, ${counts.entries} entries, ${(counts.bytes / MB).toFixed(0)} MB uncompressed, registry holds ${(size / MB).toFixed(0)} MB`,
    );
    console.log(
      `stowage pull + analyse (every entry of every layer): best ${best(ours).toFixed(2)} s  [${ours.map((s) => s.toFixed(2)).join(', ')}]`,
    );
    console.log(
      `skopeo copy docker:// → oci: (no analysis):         best ${best(theirs).toFixed(2)} s  [${theirs.map((s) => s.toFixed(2)).join(', ')}]`,
    );
    console.log(
      `ratio skopeo / stowage: ${(best(theirs) / best(ours)).toFixed(2)}× (above 1: stowage is faster)`,
    );
  } finally {
    registry?.kill();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--pull') await pullAndAnalyse(process.argv[3], process.argv[4]);
else await main();
