import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestOf, type Digest } from '../model/digest.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { MediaTypes } from '../model/media-types.js';
import { chunked, collect, textish } from '../../test/helpers/byte-streams.js';
import { OFF_THREAD_ABOVE } from './decode-worker.js';
import { decompressVerified } from './verified.js';

const where: ErrorWhere = { file: 'blobs/sha256/v', layerIndex: 0 };

// Half incompressible, so the compressed stream is past the worker threshold: hashing happens on
// the worker. The small stream stays on this thread.
const big = Buffer.concat([textish(3 << 20, 41), randomBytes(6 << 20)]);
const small = textish(200_000, 42);

function compress(tool: 'gzip' | 'zstd', data: Buffer): Buffer {
  return execFileSync(tool, tool === 'zstd' ? ['-q', '-3', '-c'] : ['-1', '-c'], {
    input: data,
    maxBuffer: 64 << 20,
  });
}

async function code(run: Promise<unknown>): Promise<string | undefined> {
  const e = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StowageError);
  expect((e as StowageError).message).toContain('blobs/sha256/v');
  return (e as StowageError).code;
}

describe('decompressVerified', () => {
  for (const tool of ['gzip', 'zstd'] as const) {
    for (const [name, plain] of [
      ['on a worker', big],
      ['on this thread', small],
    ] as const) {
      const stored = compress(tool, plain);
      const good = { digest: digestOf(stored), size: stored.length, diffId: digestOf(plain), where };
      const wrong = digestOf('something else');

      it(`${tool} ${name}: yields the content when both digests match`, async () => {
        expect(stored.length > OFF_THREAD_ABOVE).toBe(plain === big);
        const out = await collect(decompressVerified(chunked(stored, 1 << 20), good));
        expect(out.equals(plain)).toBe(true);
      });

      it(`${tool} ${name}: a wrong digest, diff_id or size is an error with its code`, async () => {
        const run = (d: Partial<typeof good>) =>
          collect(decompressVerified(chunked(stored, 1 << 20), { ...good, ...d }));
        expect(await code(run({ digest: wrong }))).toBe('DIGEST_MISMATCH');
        expect(await code(run({ diffId: wrong }))).toBe('DIFF_ID_MISMATCH');
        expect(await code(run({ size: stored.length - 1 }))).toBe('SIZE_MISMATCH');
        expect(await code(run({ size: stored.length + 1 }))).toBe('TRUNCATED');
      });
    }
  }

  it('hashes a plain tar whose digest is its diff_id once, and checks it', async () => {
    const d = digestOf(big) as Digest;
    const out = await collect(decompressVerified(chunked(big, 1 << 20), { digest: d, diffId: d, where }));
    expect(out.equals(big)).toBe(true);
    const wrong = digestOf('x');
    expect(
      await code(collect(decompressVerified(chunked(big, 1 << 20), { digest: wrong, diffId: wrong, where }))),
    ).toBe('DIGEST_MISMATCH');
  });

  // The media type only starts a worker early; the sniffed bytes still decide how they are decoded.
  const declared = {
    gzip: MediaTypes.ociLayerGzip,
    zstd: MediaTypes.ociLayerZstd,
    none: MediaTypes.ociLayer,
  } as const;
  for (const tool of ['gzip', 'zstd'] as const) {
    const stored = compress(tool, big);
    const good = { digest: digestOf(stored), size: stored.length, diffId: digestOf(big), where };
    for (const [claim, mediaType] of Object.entries(declared)) {
      it(`${tool} declared ${claim}: the bytes decide, and both digests are still checked`, async () => {
        const out = await collect(decompressVerified(chunked(stored, 1 << 20), { ...good, mediaType }));
        expect(out.equals(big)).toBe(true);
        const wrong = { ...good, mediaType, diffId: digestOf('x') };
        expect(await code(collect(decompressVerified(chunked(stored, 1 << 20), wrong)))).toBe(
          'DIFF_ID_MISMATCH',
        );
      });
    }
  }

  it('a source that fails before its first byte fails the read though a worker was started', async () => {
    const failing: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new StowageError('NOT_FOUND', 'no such blob', { where })),
      }),
    };
    const d = { digest: digestOf('a'), diffId: digestOf('b'), size: 64 << 20, where };
    const run = collect(decompressVerified(failing, { ...d, mediaType: declared.gzip }));
    expect(await code(run)).toBe('NOT_FOUND');
  });
});
