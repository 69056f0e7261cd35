// Child process of analyze-bench.mjs: the floor under any analysis of a layout's gzip layers in
// Node — node:zlib inflating every layer (two at a time, as the analysis reads them) with 1 MiB
// chunks and reads, and nothing else: no digests, no tar parsing, no hashing of bodies. Prints
// the wall time as JSON.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { createGunzip } from 'node:zlib';

const [dir] = process.argv.slice(2);
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const manifest = JSON.parse(
  readFileSync(join(dir, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8'),
);
const blobs = manifest.layers.map((l) => join(dir, 'blobs', 'sha256', l.digest.slice(7)));

async function inflate(file) {
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  createReadStream(file, { highWaterMark: 1 << 20 }).pipe(gunzip);
  let bytes = 0;
  for await (const chunk of gunzip) bytes += chunk.length;
  return bytes;
}

const start = process.hrtime.bigint();
let next = 0;
let bytes = 0;
const lane = async () => {
  while (next < blobs.length) {
    const n = await inflate(blobs[next++]);
    bytes += n;
  }
};
await Promise.all([lane(), lane()]);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ seconds, bytes }));
