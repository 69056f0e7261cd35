import { execFileSync } from 'node:child_process';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { chunked, textish } from '../../test/helpers/byte-streams.js';
import { describeWithTools } from '../../test/helpers/tools.js';
import { openGzipMembers } from './gzip-members.js';

type Result = {
  data: Buffer;
  error?: { message: string; code: string; consumed: number };
  consumed?: number;
};

/** decode runs openGzipMembers over `data` fed in pieces of `size` bytes, as the worker host does. */
async function decode(data: Uint8Array, size: number): Promise<Result> {
  const parts: Buffer[] = [];
  return new Promise<Result>((resolve) => {
    const d = openGzipMembers(
      {
        slice: (bytes) => parts.push(Buffer.from(bytes)),
        end: (_pending, consumed) => resolve({ data: Buffer.concat(parts), consumed }),
        corrupt: (message, code, consumed) =>
          resolve({ data: Buffer.concat(parts), error: { message, code, consumed } }),
      },
      zlib,
      64 * 1024,
    );
    void (async () => {
      for await (const piece of chunked(data, size)) {
        // the caller's buffer is reused once `done` is called: prove the decoder copied it
        const copy = Buffer.from(piece);
        await new Promise<void>((done) =>
          d.write(copy, () => {
            copy.fill(0xee);
            done();
          }),
        );
      }
      d.end();
    })();
  });
}

/** member builds one gzip member by hand, with the optional header fields gzip(1) never writes. */
function member(
  plain: Buffer,
  fields: { extra?: Buffer; name?: string; comment?: string; hcrc?: boolean },
): Buffer {
  let flags = 0;
  const head: Buffer[] = [];
  if (fields.extra !== undefined) {
    flags |= 4;
    const len = Buffer.alloc(2);
    len.writeUInt16LE(fields.extra.length);
    head.push(len, fields.extra);
  }
  if (fields.name !== undefined) {
    flags |= 8;
    head.push(Buffer.from(`${fields.name}\0`, 'latin1'));
  }
  if (fields.comment !== undefined) {
    flags |= 16;
    head.push(Buffer.from(`${fields.comment}\0`, 'latin1'));
  }
  if (fields.hcrc === true) {
    flags |= 2;
    head.push(Buffer.from([0x12, 0x34]));
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(plain.length % 0x100000000, 4); // the CRC-32 is not read
  return Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]),
    ...head,
    zlib.deflateRawSync(plain),
    trailer,
  ]);
}

describeWithTools('openGzipMembers', ['gzip'], () => {
  const plain = textish(700_000, 51);
  const gz = execFileSync('gzip', ['-6', '-c'], { input: plain });

  it('decodes what gzip -dc decodes, members one after another, whatever the chunking', async () => {
    const second = textish(300_000, 52);
    const multi = Buffer.concat([gz, execFileSync('gzip', ['-1', '-c'], { input: second }), gz]);
    const expected = execFileSync('gzip', ['-dc'], { input: multi, maxBuffer: 64 << 20 });
    for (const size of [1 << 20, 65_536, 4093, 10]) {
      const r = await decode(multi, size);
      expect(r.error).toBeUndefined();
      expect(r.data.equals(expected), `chunk ${size}`).toBe(true);
      expect(r.consumed).toBe(multi.length);
    }
  });

  it('reads FEXTRA, FNAME, FCOMMENT and FHCRC, split anywhere', async () => {
    const a = textish(50_000, 53);
    const b = textish(20_000, 54);
    const data = Buffer.concat([
      member(a, {
        extra: Buffer.from('AB\u0002\u0000hi'),
        name: 'layer.tar',
        comment: 'made by hand',
        hcrc: true,
      }),
      member(b, { name: 'x' }),
    ]);
    for (const size of [1, 3, 17, 4096]) {
      const r = await decode(data, size);
      expect(r.error).toBeUndefined();
      expect(r.data.equals(Buffer.concat([a, b])), `chunk ${size}`).toBe(true);
    }
  });

  it('ignores zero padding after a member, as Node gunzip does, and rejects other trailing bytes', async () => {
    const padded = await decode(Buffer.concat([gz, Buffer.alloc(1000)]), 4096);
    expect(padded.error).toBeUndefined();
    expect(padded.data.equals(plain)).toBe(true);
    const garbage = await decode(Buffer.concat([gz, Buffer.from('garbage!!')]), 4096);
    expect(garbage.error?.code).toBe('Z_DATA_ERROR');
  });

  it('reports an early end as Z_BUF_ERROR, in the data, the trailer or the next header', async () => {
    for (const cut of [gz.length >> 1, gz.length - 4, gz.length - 8]) {
      const r = await decode(gz.subarray(0, cut), 4096);
      expect(r.error?.code, `cut at ${cut}`).toBe('Z_BUF_ERROR');
    }
    const r = await decode(Buffer.concat([gz, gz.subarray(0, 5)]), 4096);
    expect(r.error?.code).toBe('Z_BUF_ERROR');
  });

  it('checks the magic, the method and ISIZE', async () => {
    const badMagic = Buffer.from(gz);
    badMagic[1] = 0x8c;
    expect((await decode(badMagic, 4096)).error?.code).toBe('Z_DATA_ERROR');
    const badMethod = Buffer.from(gz);
    badMethod[2] = 7;
    expect((await decode(badMethod, 4096)).error?.message).toBe('unknown compression method');
    const badSize = Buffer.from(gz);
    badSize.writeUInt32LE(plain.length + 1, gz.length - 4);
    expect((await decode(badSize, 4096)).error?.message).toBe('incorrect length check');
  });

  it('decodes random members split at random points', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 5000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 3000 }),
        async (pieces, size) => {
          const data = Buffer.concat(pieces.map((p) => zlib.gzipSync(p)));
          const r = await decode(data, size);
          expect(r.error).toBeUndefined();
          expect(r.data.equals(Buffer.concat(pieces))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
