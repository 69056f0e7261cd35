import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { chunked, collect, textish } from '../../test/helpers/byte-streams.js';
import {
  expectBothPathsAgree,
  expectBoundedChunks,
  expectSourceClosedEarly,
  expectSourceErrorPassesThrough,
} from '../../test/helpers/decoder-checks.js';
import { describeWithTools } from '../../test/helpers/tools.js';
import { unzstd } from './zstd.js';

const where: ErrorWhere = { file: 'blobs/sha256/z', layerIndex: 1 };

/** zstd compresses with the real tool. */
function zstd(args: string[], input: Uint8Array): Buffer {
  return execFileSync('zstd', ['-q', ...args, '-c'], { input, maxBuffer: 256 << 20 });
}

/** onWorker decodes on the worker thread whatever the stream's size. */
function onWorker(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  return unzstd(source, where, { offThreadAbove: 0 });
}

async function failure(run: Promise<unknown>): Promise<StowageError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StowageError);
  expect((err as StowageError).message).toContain('blobs/sha256/z');
  return err as StowageError;
}

describeWithTools('unzstd on a worker thread', ['zstd'], () => {
  const plain = textish(3_000_000, 21);
  const other = textish(500_000, 22);

  it('decodes like zstd -dc: chunkings, --long=31, concatenated and skippable frames', async () => {
    const zst = zstd(['-3'], plain);
    expect((await collect(onWorker(chunked(zst, 1 << 20)))).equals(plain)).toBe(true);
    expect((await collect(onWorker(chunked(zst, 777)))).equals(plain)).toBe(true);
    const long = zstd(['--long=31'], plain);
    expect((await collect(onWorker(chunked(long, 65_536)))).equals(plain)).toBe(true);
    const skip = Buffer.alloc(8 + 100, 0xaa);
    skip.writeUInt32LE(0x184d2a53, 0);
    skip.writeUInt32LE(100, 4);
    const multi = Buffer.concat([skip, zst, zstd(['-19'], other), skip]);
    const expected = execFileSync('zstd', ['-q', '-dc'], { input: multi, maxBuffer: 256 << 20 });
    expect((await collect(onWorker(chunked(multi, 100_000)))).equals(expected)).toBe(true);
  });

  it('chooses the worker by size: both paths agree', async () => {
    const compressed = zstd(['-1'], plain);
    await expectBothPathsAgree((s, opts) => unzstd(s, where, opts), compressed, plain);
  });

  it('yields bounded slices on an all-zero stream', async () => {
    await expectBoundedChunks(onWorker, zstd([], Buffer.alloc(64 << 20)));
  });

  it('reports corrupt data as CORRUPT_ZSTD and a cut-off stream as TRUNCATED', async () => {
    const zst = zstd(['-3'], plain);
    const bad = Buffer.from(zst);
    for (let i = zst.length >> 1; i < (zst.length >> 1) + 64; i++) bad[i] = bad[i]! ^ 0xff;
    expect((await failure(collect(onWorker(chunked(bad, 65_536))))).code).toBe('CORRUPT_ZSTD');
    const cut = zst.subarray(0, zst.length - 1);
    expect((await failure(collect(onWorker(chunked(cut, 65_536))))).code).toBe('TRUNCATED');
  });

  it('passes source errors through and closes the source when the consumer stops', async () => {
    const zst = zstd(['-3'], plain);
    await expectSourceErrorPassesThrough(onWorker, zst);
    await expectSourceClosedEarly(onWorker, zst);
  });
});
