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
import { gunzip } from './gzip.js';

const where: ErrorWhere = { file: 'blobs/sha256/g', layerIndex: 2 };

/** gzip compresses with the real tool. */
function gzip(args: string[], input: Uint8Array): Buffer {
  return execFileSync('gzip', ['-c', ...args], { input, maxBuffer: 256 << 20 });
}

/** onWorker inflates on the worker thread whatever the stream's size. */
function onWorker(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  return gunzip(source, where, { offThreadAbove: 0 });
}

describeWithTools('gunzip on a worker thread', ['gzip'], () => {
  const plain = textish(3_000_000, 31);

  it('inflates like gzip -dc: chunkings and multi-member files, one worker after another and at once', async () => {
    const gz = gzip(['-6'], plain);
    expect((await collect(onWorker(chunked(gz, 1 << 20)))).equals(plain)).toBe(true);
    expect((await collect(onWorker(chunked(gz, 777)))).equals(plain)).toBe(true);
    const multi = Buffer.concat([gz, gzip(['-1'], textish(400_000, 32))]);
    const expected = execFileSync('gzip', ['-dc'], { input: multi, maxBuffer: 256 << 20 });
    const both = await Promise.all([0, 1].map(() => collect(onWorker(chunked(multi, 65_536)))));
    expect(both.every((b) => b.equals(expected))).toBe(true);
  });

  it('chooses the worker by size: both paths agree', async () => {
    const compressed = gzip(['-1'], plain);
    await expectBothPathsAgree((s, opts) => gunzip(s, where, opts), compressed, plain);
  });

  it('yields bounded chunks on an all-zero stream', async () => {
    await expectBoundedChunks(onWorker, gzip([], Buffer.alloc(64 << 20)));
  });

  it('reports corrupt data as CORRUPT_GZIP and a cut-off stream as TRUNCATED, located', async () => {
    const gz = gzip(['-6'], plain);
    const bad = Buffer.from(gz);
    for (let i = gz.length >> 1; i < (gz.length >> 1) + 64; i++) bad[i] = bad[i]! ^ 0xff;
    const corrupt = await collect(onWorker(chunked(bad, 65_536))).catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(StowageError);
    expect((corrupt as StowageError).code).toBe('CORRUPT_GZIP');
    expect((corrupt as StowageError).message).toContain('blobs/sha256/g');
    const cut = await collect(onWorker(chunked(gz.subarray(0, gz.length - 9), 65_536))).catch(
      (e: unknown) => e,
    );
    expect((cut as StowageError).code).toBe('TRUNCATED');
  });

  it('passes source errors through and closes the source when the consumer stops', async () => {
    const gz = gzip(['-6'], plain);
    await expectSourceErrorPassesThrough(onWorker, gz);
    await expectSourceClosedEarly(onWorker, gz);
    // and the next stream still inflates
    expect((await collect(onWorker(chunked(gz, 1 << 20)))).equals(plain)).toBe(true);
  });
});
