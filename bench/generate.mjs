// Benchmark fixtures, generated once and cached under bench/out/ (gitignored):
// - realistic.tar (~1.2 GB, 64k files of mixed sizes and compressibility) plus realistic.tar.gz
//   (`gzip -1`, to keep generation near a minute) and realistic.tar.zst (`zstd -3 -T0`);
// - zeros.tar.gz / zeros.tar.zst: a 2 GiB all-zero layer (two 1 GiB files), never stored uncompressed.
// Each fixture's compressed digest, uncompressed digest (diff_id) and sizes go to fixtures.json.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import process from 'node:process';
import { END_OF_ARCHIVE, padding, ustarHeader } from './tar-gen.mjs';
import { xorshift32 } from './xorshift.mjs';

const FILES = 64_000;
const POOL = 16 << 20;
const GIB = 1 << 30;

/** textPool is source-code-like text (compresses ~3-4x with gzip). */
function textPool(rand) {
  const words = [
    'const',
    'return',
    'include',
    'usr/lib',
    'function',
    'if',
    'else',
    'self',
    'value',
    'import',
  ];
  const parts = [];
  let len = 0;
  while (len < POOL) {
    const r = rand();
    const p =
      r < 0.3
        ? `${Math.floor(rand() * 1e6)} `
        : r < 0.35
          ? ';\n  '
          : `${words[Math.floor(rand() * words.length)]}_${Math.floor(rand() * 500)} `;
    parts.push(p);
    len += p.length;
  }
  return Buffer.from(parts.join('')).subarray(0, POOL);
}

/** randomPool is incompressible, like already-compressed assets. */
function randomPool(rand) {
  const words = new Uint32Array(POOL / 4);
  for (let i = 0; i < words.length; i++) words[i] = rand() * 0x1_0000_0000;
  return Buffer.from(words.buffer);
}

/** fileSize draws from a log-uniform mix: mostly small files, a few large ones. */
function fileSize(rand) {
  const r = rand();
  const [lo, hi] =
    r < 0.75
      ? [100, 8 << 10]
      : r < 0.97
        ? [8 << 10, 64 << 10]
        : r < 0.998
          ? [64 << 10, 512 << 10]
          : [512 << 10, 8 << 20];
  return Math.floor(lo * Math.exp(rand() * Math.log(hi / lo)));
}

/** fileContent returns `size` bytes: text (60%), binary (25%), text with zero padding (15%). */
function fileContent(rand, size, text, random) {
  const kind = rand();
  const pool = kind < 0.6 || kind >= 0.85 ? text : random;
  const start = Math.floor(rand() * (POOL - size));
  const out = pool.subarray(start, start + size);
  if (kind < 0.85) return [out];
  const half = Math.floor(size / 2);
  return [out.subarray(0, half), Buffer.alloc(size - half)];
}

function writeRealisticTar(path) {
  const rand = xorshift32(42);
  const text = textPool(rand);
  const random = randomPool(rand);
  const fd = openSync(path, 'w');
  const hash = createHash('sha256');
  let batch = [];
  let batched = 0;
  let total = 0;
  const put = (buf) => {
    batch.push(buf);
    batched += buf.length;
    if (batched >= 8 << 20) flush();
  };
  const flush = () => {
    const all = Buffer.concat(batch);
    writeSync(fd, all);
    hash.update(all);
    total += all.length;
    batch = [];
    batched = 0;
  };
  for (let i = 0; i < FILES; i++) {
    const dir = `usr/share/pkg-${String(Math.floor(i / 100)).padStart(4, '0')}/`;
    if (i % 100 === 0) put(ustarHeader(dir, 0, '5'));
    const size = fileSize(rand);
    put(ustarHeader(`${dir}file-${i}.dat`, size));
    for (const part of fileContent(rand, size, text, random)) put(part);
    put(padding(size));
  }
  put(END_OF_ARCHIVE);
  flush();
  closeSync(fd);
  return { size: total, diffId: `sha256:${hash.digest('hex')}` };
}

/** run starts a command with stdin from `input` (a path or 'pipe') and stdout to `output`. */
function run(cmd, args, input, output) {
  const stdin = input === 'pipe' ? 'pipe' : openSync(input, 'r');
  const stdout = openSync(output, 'w');
  const child = spawn(cmd, args, { stdio: [stdin, stdout, 'inherit'] });
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
  return { child, done };
}

async function writeToAll(children, buf) {
  await Promise.all(
    children.map((c) => (c.stdin.write(buf) ? undefined : new Promise((r) => c.stdin.once('drain', r)))),
  );
}

/** writeZerosLayer streams a tar of two 1 GiB zero files into gzip and zstd at once. */
async function writeZerosLayer(gzPath, zstPath) {
  const procs = [run('gzip', ['-1', '-c'], 'pipe', gzPath), run('zstd', ['-q', '-3', '-c'], 'pipe', zstPath)];
  const children = procs.map((p) => p.child);
  const hash = createHash('sha256');
  let size = 0;
  const put = async (buf) => {
    hash.update(buf);
    size += buf.length;
    await writeToAll(children, buf);
  };
  const zeros = Buffer.alloc(8 << 20);
  for (const name of ['zero-a.img', 'zero-b.img']) {
    await put(ustarHeader(name, GIB));
    for (let n = 0; n < GIB; n += zeros.length) await put(zeros);
  }
  await put(END_OF_ARCHIVE);
  for (const c of children) c.stdin.end();
  await Promise.all(procs.map((p) => p.done));
  return { size, diffId: `sha256:${hash.digest('hex')}` };
}

function fileDigest(path) {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  closeSync(fd);
  return `sha256:${hash.digest('hex')}`;
}

/** blob describes one compressed fixture file. */
function blob(path, uncompressed) {
  return {
    path,
    size: statSync(path).size,
    digest: fileDigest(path),
    diffId: uncompressed.diffId,
    uncompressedSize: uncompressed.size,
  };
}

/**
 * ensureFixtures builds whatever is missing under `outDir` and returns the fixture list:
 * { realistic: { tar, gzip, zstd }, zeros: { gzip, zstd }, notes }.
 */
export async function ensureFixtures(outDir, log = () => {}) {
  const index = join(outDir, 'fixtures.json');
  if (existsSync(index)) return JSON.parse(readFileSync(index, 'utf8'));
  mkdirSync(outDir, { recursive: true });
  const t0 = process.hrtime.bigint();
  const secs = () => Number(process.hrtime.bigint() - t0) / 1e9;
  const tarPath = join(outDir, 'realistic.tar');
  log('generating realistic.tar ...');
  const tar = writeRealisticTar(tarPath);
  log(
    `  ${(tar.size / 1e9).toFixed(2)} GB in ${secs().toFixed(1)} s; compressing (gzip -1, zstd -3 -T0) ...`,
  );
  await Promise.all([
    run('gzip', ['-1', '-c'], tarPath, `${tarPath}.gz`).done,
    run('zstd', ['-q', '-3', '-T0', '-c'], tarPath, `${tarPath}.zst`).done,
  ]);
  log(`  done at ${secs().toFixed(1)} s; generating the 2 GiB all-zero layer ...`);
  const zeros = await writeZerosLayer(join(outDir, 'zeros.tar.gz'), join(outDir, 'zeros.tar.zst'));
  log(`  done at ${secs().toFixed(1)} s; hashing ...`);
  const fixtures = {
    realistic: {
      tar: {
        path: tarPath,
        size: tar.size,
        digest: tar.diffId,
        diffId: tar.diffId,
        uncompressedSize: tar.size,
      },
      gzip: blob(`${tarPath}.gz`, tar),
      zstd: blob(`${tarPath}.zst`, tar),
      entries: FILES + FILES / 100,
    },
    zeros: {
      gzip: blob(join(outDir, 'zeros.tar.gz'), zeros),
      zstd: blob(join(outDir, 'zeros.tar.zst'), zeros),
      entries: 2,
    },
    notes:
      'gzip -1 and zstd -3 keep generation short; real layers are usually gzip -6 (slower to make, a little faster to inflate)',
    generationSeconds: secs(),
  };
  writeFileSync(index, JSON.stringify(fixtures, null, 2));
  return fixtures;
}
