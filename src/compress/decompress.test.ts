import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { chunked, collect, textish } from '../../test/helpers/byte-streams.js';
import {
  expectSourceClosedEarly,
  expectSourceErrorPassesThrough,
} from '../../test/helpers/decoder-checks.js';
import { describeWithTools } from '../../test/helpers/tools.js';
import { decompress } from './decompress.js';

const where: ErrorWhere = {
  file: 'image.tar',
  layer: 'sha256:4f1c3b0e9d2a7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807f6e5d4c3b2a19080',
};

/** run pipes `input` through a real tool and returns its stdout. */
function run(cmd: string, args: string[], input: Uint8Array): Buffer {
  return execFileSync(cmd, args, { input, maxBuffer: 64 << 20, stdio: 'pipe' });
}

/** corrupt returns a copy of `data` with bytes inverted in [from, to). */
function corrupt(data: Buffer, from: number, to: number): Buffer {
  const out = Buffer.from(data);
  for (let i = from; i < to; i++) out[i] = out[i]! ^ 0xff;
  return out;
}

/** expectError decompresses `data` and checks the error code and that the message names `where`. */
async function expectError(data: Uint8Array, code: string): Promise<StowageError> {
  const err: unknown = await collect(decompress(chunked(data, 4096), { where })).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StowageError);
  const se = err as StowageError;
  expect(se.code).toBe(code);
  expect(se.message).toContain(where.layer);
  expect(se.message).toContain(where.file);
  return se;
}

const plain = textish(300_000, 7);
const other = textish(120_000, 99);

describe('decompress: plain data', () => {
  it('passes uncompressed bytes through unchanged, whatever the chunking', async () => {
    const head = plain.subarray(0, 20_000);
    expect((await collect(decompress(chunked(head, 1)))).equals(head)).toBe(true);
    expect((await collect(decompress(chunked(plain, 65536)))).equals(plain)).toBe(true);
  });

  it('handles empty and very short streams', async () => {
    expect((await collect(decompress(chunked(Buffer.alloc(0), 1)))).length).toBe(0);
    const three = Buffer.from([0x28, 0xb5, 0x2f]);
    expect((await collect(decompress(chunked(three, 1)))).equals(three)).toBe(true);
  });
});

describeWithTools('decompress: gzip', ['gzip'], () => {
  const gz = run('gzip', ['-6', '-c'], plain);

  it('inflates a single member, fed in 1-byte and large chunks', async () => {
    const small = textish(5000, 3);
    const smallGz = run('gzip', ['-c'], small);
    expect((await collect(decompress(chunked(smallGz, 1)))).equals(small)).toBe(true);
    expect((await collect(decompress(chunked(gz, 1 << 20)))).equals(plain)).toBe(true);
  });

  it('inflates a multi-member file the way gzip -dc does', async () => {
    const multi = Buffer.concat([gz, run('gzip', ['-1', '-c'], other)]);
    const expected = run('gzip', ['-dc'], multi);
    expect(expected.length).toBe(plain.length + other.length);
    expect((await collect(decompress(chunked(multi, 3000)))).equals(expected)).toBe(true);
  });

  it('reports a corrupt body as CORRUPT_GZIP', async () => {
    const bad = corrupt(gz, Math.floor(gz.length / 2), Math.floor(gz.length / 2) + 64);
    expect(() => run('gzip', ['-t'], bad)).toThrow();
    await expectError(bad, 'CORRUPT_GZIP');
  });

  it('reports a corrupt header as CORRUPT_GZIP', async () => {
    const bad = Buffer.from(gz);
    bad[2] = 7; // compression method: only 8 (deflate) exists
    expect(() => run('gzip', ['-t'], bad)).toThrow();
    await expectError(bad, 'CORRUPT_GZIP');
  });

  it('reports a cut-off stream as TRUNCATED', async () => {
    await expectError(gz.subarray(0, Math.floor(gz.length / 2)), 'TRUNCATED');
    await expectError(gz.subarray(0, gz.length - 4), 'TRUNCATED');
  });

  it('stops reading the source when the consumer stops early', async () => {
    await expectSourceClosedEarly(decompress, gz);
  });

  it('passes errors from the source through unchanged', async () => {
    await expectSourceErrorPassesThrough(decompress, gz);
  });
});

describeWithTools('decompress: zstd', ['zstd'], () => {
  const zst = run('zstd', ['-q', '-3', '-c'], plain);

  it('decompresses a frame, fed in 1-byte and large chunks', async () => {
    const small = textish(5000, 5);
    expect((await collect(decompress(chunked(run('zstd', ['-q', '-c'], small), 1)))).equals(small)).toBe(
      true,
    );
    expect((await collect(decompress(chunked(zst, 1 << 20)))).equals(plain)).toBe(true);
  });

  it('decompresses a --long=31 frame that default decoders refuse', async () => {
    const long = run('zstd', ['-q', '--long=31', '-c'], plain);
    expect(() => execFileSync('zstd', ['-q', '-dc'], { input: long, stdio: 'pipe' })).toThrow();
    expect((await collect(decompress(chunked(long, 65536)))).equals(plain)).toBe(true);
  });

  it('decompresses concatenated frames (cat a.zst b.zst) like zstd -dc', async () => {
    const multi = Buffer.concat([zst, run('zstd', ['-q', '-19', '-c'], other)]);
    const expected = run('zstd', ['-q', '-dc'], multi);
    expect((await collect(decompress(chunked(multi, 777)))).equals(expected)).toBe(true);
  });

  it('skips skippable frames, also as the first frame', async () => {
    const skip = Buffer.alloc(8 + 100, 0xaa);
    skip.writeUInt32LE(0x184d2a53, 0);
    skip.writeUInt32LE(100, 4);
    const data = Buffer.concat([skip, zst, skip]);
    const expected = run('zstd', ['-q', '-dc'], data);
    expect((await collect(decompress(chunked(data, 2)))).length).toBe(expected.length);
    expect((await collect(decompress(chunked(data, 50_000)))).equals(expected)).toBe(true);
  });

  it('yields bounded chunks on highly compressible data', async () => {
    const zeros = run('zstd', ['-q', '-c'], Buffer.alloc(20 << 20));
    let total = 0;
    for await (const chunk of decompress(chunked(zeros, 1 << 20))) {
      expect(chunk.length).toBeLessThanOrEqual(1 << 20);
      total += chunk.length;
    }
    expect(total).toBe(20 << 20);
  });

  it('stops reading the source when the consumer stops early', async () => {
    await expectSourceClosedEarly(decompress, zst);
  });

  it('passes errors from the source through unchanged', async () => {
    await expectSourceErrorPassesThrough(decompress, zst);
  });

  it('reports corrupt data as CORRUPT_ZSTD', async () => {
    const bad = corrupt(zst, Math.floor(zst.length / 2), Math.floor(zst.length / 2) + 64);
    expect(() => run('zstd', ['-q', '-t'], bad)).toThrow();
    await expectError(bad, 'CORRUPT_ZSTD');
  });

  it('reports a cut-off stream as TRUNCATED', async () => {
    await expectError(zst.subarray(0, Math.floor(zst.length / 2)), 'TRUNCATED');
    await expectError(zst.subarray(0, zst.length - 1), 'TRUNCATED');
  });
});

describeWithTools('decompress: unsupported compression', ['bzip2', 'xz'], () => {
  it.each([['bzip2'], ['xz']])('refuses %s with UNSUPPORTED_MEDIA_TYPE', async (tool) => {
    const err = await expectError(run(tool, ['-c'], plain), 'UNSUPPORTED_MEDIA_TYPE');
    expect(err.message).toContain(tool);
  });
});
