// One benchmark run in its own process, so its peak RSS is its own. Usage:
//   node bench/pipeline.mjs '<json>'   with { path, digest, size, diffId, mode }
// mode 'list':   read (1 MiB buffers) → decompressVerified (blob digest and diff_id checked; on a
//                decoder worker for gzip/zstd) → readTar over every entry without reading bodies
//                (what `tar -t` does);
// mode 'hash':   the same, reading every body with contentHash on (what analysis does);
// mode 'inflate': read → verify blob digest → decompress only, to see where time goes.
// Prints one JSON line: { seconds, compressedBytes, uncompressedBytes, entries, maxRssMB, cpuSeconds }.
// STOWAGE_DIST points at another build than ../dist.
import { createReadStream } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const DIST = process.env.STOWAGE_DIST ?? new URL('../dist', import.meta.url).pathname;
const { decompress, decompressVerified, verifyDigest } = await import(
  pathToFileURL(`${DIST}/compress/index.js`).href
);
const { readTar } = await import(pathToFileURL(`${DIST}/tar/reader.js`).href);

const job = JSON.parse(process.argv[2]);
const where = { file: job.path };

async function main() {
  const start = process.hrtime.bigint();
  let uncompressed = 0;
  let entries = 0;
  const file = createReadStream(job.path, { highWaterMark: 1 << 20 });
  if (job.mode === 'inflate') {
    const blob = verifyDigest(file, job.digest, { kind: 'digest', expectedSize: job.size, where });
    for await (const chunk of decompress(blob, { where })) uncompressed += chunk.length;
  } else {
    const digests = { digest: job.digest, size: job.size, diffId: job.diffId, where };
    const tar = decompressVerified(file, digests);
    const counted = (async function* () {
      for await (const chunk of tar) {
        uncompressed += chunk.length;
        yield chunk;
      }
    })();
    const hashContents = job.mode === 'hash';
    for await (const item of readTar(counted, { hashContents, where })) {
      entries++;
      if (hashContents) for await (const _ of item.body());
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const usage = process.resourceUsage();
  const maxRssMB = usage.maxRSS / 1024;
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(
    JSON.stringify({
      seconds,
      compressedBytes: job.size,
      uncompressedBytes: uncompressed,
      entries,
      maxRssMB,
      cpuSeconds,
    }) + '\n',
  );
}

await main();
