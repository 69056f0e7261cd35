// Squash benchmark: `stowage optimize --squash` (library call, same code path) of a generated
// image of ≥ 1 GB uncompressed against umoci doing the same job — `umoci unpack` of the image, then
// `umoci repack` of its merged rootfs as the single layer of a new image — in the same run.
// Usage: npm run build && node bench/squash-bench.mjs [--size-mb 1100] [--keep]
// Prints one JSON document; also written to bench/out/squash-results.json.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, mkdtempSync, unlinkSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { readImageStack } from '../dist/filetree/read-image.js';
import { optimizeImage } from '../dist/optimize/index.js';
import { writeImage } from '../dist/sink/index.js';
import { openImage } from '../dist/source/index.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : process.argv[i + 1];
};
const SIZE_MB = Number(arg('--size-mb', '1100'));
const KEEP = process.argv.includes('--keep');
const MB = 1 << 20;

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

function timed(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return out instanceof Promise
    ? out.then((v) => ({ seconds: Number(process.hrtime.bigint() - start) / 1e9, value: v }))
    : { seconds: Number(process.hrtime.bigint() - start) / 1e9, value: out };
}

/** textBlock is `n` bytes of log-like lines: compressible, not trivially. */
function textBlock(n, seed) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < n; i++) {
    const line = `${seed}-${i} level=info msg="request served" path=/api/v1/items/${(i * 7919) % 100003} took=${(i * 31) % 997}ms\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, n);
}

/** generate builds `dir:src` with umoci: three layers, ≥ SIZE_MB uncompressed, with some waste. */
function generate(work, dir) {
  sh('umoci', ['init', '--layout', dir]);
  sh('umoci', ['new', '--image', `${dir}:src`]);
  const bundle = join(work, 'gen-bundle');
  sh('umoci', ['unpack', '--image', `${dir}:src`, bundle]);
  const root = join(bundle, 'rootfs');
  const fileMb = 8;
  const files = Math.ceil((SIZE_MB * 0.45) / fileMb);
  const layers = [
    () => {
      mkdirSync(join(root, 'data/rand'), { recursive: true });
      for (let i = 0; i < files; i++)
        writeFileSync(join(root, `data/rand/${i}.bin`), randomBytes(fileMb * MB));
    },
    () => {
      mkdirSync(join(root, 'data/text'), { recursive: true });
      for (let i = 0; i < files; i++)
        writeFileSync(join(root, `data/text/${i}.log`), textBlock(fileMb * MB, i));
      for (let d = 0; d < 200; d++) {
        mkdirSync(join(root, `usr/share/small/${d}`), { recursive: true });
        for (let f = 0; f < 50; f++)
          writeFileSync(join(root, `usr/share/small/${d}/${f}.txt`), textBlock(2048, d * 50 + f));
      }
    },
    () => {
      // overwrite a tenth of the random files, delete another tenth: waste a squash drops
      for (let i = 0; i < files / 10; i++)
        writeFileSync(join(root, `data/rand/${i}.bin`), randomBytes(fileMb * MB));
      for (let i = Math.ceil(files / 10); i < files / 5; i++) unlinkSync(join(root, `data/rand/${i}.bin`));
    },
  ];
  for (const make of layers) {
    make();
    sh('umoci', ['repack', '--refresh-bundle', '--image', `${dir}:src`, bundle]);
  }
  rmSync(bundle, { recursive: true, force: true });
}

async function treeStats(ref) {
  const stack = await readImageStack(await openImage(ref));
  return stack.tree.stats();
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'stowage-squash-bench-'));
  try {
    const src = join(work, 'src');
    const gen = timed(() => generate(work, src));
    const image = await openImage(`oci:${src}:src`);
    const layers = await image.layers();
    let uncompressed = 0;
    for (const l of layers) for await (const c of l.uncompressed()) uncompressed += c.length;

    // stowage: squash all layers into one, written as a new OCI layout
    const stowageOut = join(work, 'stowage-out');
    const stowage = await timed(async () => {
      const squashed = optimizeImage(await openImage(`oci:${src}:src`), { squashFrom: 0 });
      try {
        await writeImage(squashed, `oci:${stowageOut}:sq`);
        return (await squashed.layers())[0].size;
      } finally {
        await squashed.close();
      }
    });

    // umoci: unpack the merged rootfs, then repack it as the only layer of a new empty image
    const bundle = join(work, 'umoci-bundle');
    const empty = join(work, 'umoci-empty');
    const unpack = timed(() => sh('umoci', ['unpack', '--image', `${src}:src`, bundle]));
    const repack = timed(() => {
      sh('umoci', ['new', '--image', `${src}:sq`]);
      sh('umoci', ['unpack', '--image', `${src}:sq`, empty]);
      for (const name of readdirSync(join(bundle, 'rootfs')))
        renameSync(join(bundle, 'rootfs', name), join(empty, 'rootfs', name));
      sh('umoci', ['repack', '--image', `${src}:sq`, empty]);
    });
    const umociLayer = (await (await openImage(`oci:${src}:sq`)).layers())[0];

    const [ours, theirs] = [await treeStats(`oci:${stowageOut}:sq`), await treeStats(`oci:${src}:sq`)];
    const umociSeconds = unpack.seconds + repack.seconds;
    const result = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      image: {
        layers: layers.length,
        compressedBytes: layers.reduce((n, l) => n + l.size, 0),
        uncompressedBytes: uncompressed,
        generateSeconds: +gen.seconds.toFixed(1),
      },
      stowage: {
        seconds: +stowage.seconds.toFixed(2),
        layerBytes: stowage.value,
        files: ours.files,
        fileBytes: ours.fileBytes,
      },
      umoci: {
        unpackSeconds: +unpack.seconds.toFixed(2),
        repackSeconds: +repack.seconds.toFixed(2),
        seconds: +umociSeconds.toFixed(2),
        layerBytes: umociLayer.size,
        files: theirs.files,
        fileBytes: theirs.fileBytes,
      },
      sameFinalFiles: ours.files === theirs.files && ours.fileBytes === theirs.fileBytes,
      speedup: +(umociSeconds / stowage.seconds).toFixed(2),
    };
    mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL('./out/squash-results.json', import.meta.url),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    if (KEEP) console.error(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
