// Generates the OCI layouts analyze-bench.mjs reads (cached under bench/out/analyze/): a 4-layer gzip
// image of ≥ 1 GB uncompressed with ≥ 50k files (later layers overwrite and delete some earlier
// files, so waste accounting has work to do), a 1-layer image sharing its first layer, and a 1-layer
// image of 100k small files for peak memory.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import { END_OF_ARCHIVE, padding, ustarHeader } from './tar-gen.mjs';

const WORDS =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.split(
    ' ',
  );

/** body makes `size` bytes, half text half pseudo-random, so gzip compresses about 2:1. */
function body(seed, size) {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 + 1;
  let i = 0;
  while (i < size) {
    const w = WORDS[x % WORDS.length] + ' ';
    i += out.write(w, i);
    for (let k = 0; k < 6 && i < size; k++, i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      out[i] = x >>> 24;
    }
  }
  return out;
}

/** writeLayer streams a tar of `entries` through gzip into blobs/, returning its descriptor facts. */
export async function writeLayer(dir, entries) {
  const tmp = join(dir, 'blobs', 'tmp-layer');
  const file = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  const gz = createGzip({ level: 1, chunkSize: 1 << 20 });
  const blobHash = createHash('sha256');
  const diffHash = createHash('sha256');
  let size = 0;
  gz.on('data', (c) => {
    blobHash.update(c);
    size += c.length;
    if (!file.write(c)) gz.pause();
  });
  file.on('drain', () => gz.resume());
  const put = async (buf) => {
    diffHash.update(buf);
    if (!gz.write(buf)) await once(gz, 'drain');
  };
  for (const e of entries) {
    if (e.dir) await put(ustarHeader(e.path + '/', 0, '5'));
    else {
      const b = body(e.seed, e.size);
      await put(Buffer.concat([ustarHeader(e.path, e.size), b, padding(e.size)]));
    }
  }
  await put(END_OF_ARCHIVE);
  gz.end();
  await once(gz, 'end');
  file.end();
  await once(file, 'finish');
  const digest = `sha256:${blobHash.digest('hex')}`;
  renameSync(tmp, join(dir, 'blobs', 'sha256', digest.slice(7)));
  return { digest, size, diffId: `sha256:${diffHash.digest('hex')}` };
}

function writeJson(dir, obj) {
  const bytes = Buffer.from(JSON.stringify(obj));
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return { digest, size: bytes.length };
}

/** writeImage writes an OCI layout at `dir` from already written layer blobs. */
export function writeImage(dir, layers) {
  const config = writeJson(dir, {
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created_by: `bench layer ${i}` })),
  });
  const manifest = writeJson(dir, {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: layers.map((l) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: l.digest,
      size: l.size,
    })),
  });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'bench' },
        },
      ],
    }),
  );
}

export function layout(dir) {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
}

/** multiLayerEntries: layer k holds 13,000 files of ~20 kB in 100 dirs; layers 2–3 overwrite some of layer 0–1's paths. */
function multiLayerEntries(k) {
  const entries = [];
  for (let d = 0; d < 100; d++) entries.push({ dir: true, path: `l${k}/d${d}` });
  for (let i = 0; i < 13_000; i++) {
    const size = 4_000 + ((i * 7919) % 32_000);
    entries.push({ path: `l${k}/d${i % 100}/f${i}`, size, seed: k * 100_000 + i });
  }
  if (k >= 2)
    for (let i = 0; i < 1_000; i++)
      entries.push({ path: `l${k - 2}/d${i % 100}/f${i}`, size: 10_000, seed: 900_000 + k * 1000 + i });
  return entries;
}

/** ensureAnalyzeImages creates the three layouts unless cached; returns their directories. */
export async function ensureAnalyzeImages(outDir, log = () => {}) {
  const root = join(outDir, 'analyze');
  const multi = join(root, 'multi');
  const single = join(root, 'single');
  const many = join(root, 'many-files');
  if (!existsSync(join(multi, 'index.json'))) {
    log('generating the 4-layer image (≈1.1 GB uncompressed, 56k files) …');
    layout(multi);
    const layers = [];
    for (let k = 0; k < 4; k++) layers.push(await writeLayer(multi, multiLayerEntries(k)));
    writeImage(multi, layers);
    writeFileSync(join(root, 'multi-layers.json'), JSON.stringify(layers));
  }
  if (!existsSync(join(single, 'index.json'))) {
    layout(single);
    const layers = JSON.parse(
      (await import('node:fs')).readFileSync(join(root, 'multi-layers.json'), 'utf8'),
    );
    (await import('node:fs')).copyFileSync(
      join(multi, 'blobs', 'sha256', layers[0].digest.slice(7)),
      join(single, 'blobs', 'sha256', layers[0].digest.slice(7)),
    );
    writeImage(single, [layers[0]]);
  }
  if (!existsSync(join(many, 'index.json'))) {
    log('generating the 100k-file image …');
    layout(many);
    const entries = [];
    for (let d = 0; d < 1000; d++) entries.push({ dir: true, path: `m/d${d}` });
    for (let i = 0; i < 100_000; i++)
      entries.push({
        path: `m/d${i % 1000}/file-with-a-longish-name-${i}.txt`,
        size: 512 + (i % 1024),
        seed: i,
      });
    writeImage(many, [await writeLayer(many, entries)]);
  }
  return { multi, single, many };
}
