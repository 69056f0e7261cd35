/**
 * readTar behaviour beyond format coverage: end-of-archive handling, errors with offsets, body
 * semantics (skip, partial reads, hashing, staleness) and releasing the source. Archives are made
 * by GNU tar; expected contents come from the files on disk.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunked, expectStowageError, makeTempDir, readAll } from '../../test/tar/helpers.js';
import { readTar } from './reader.js';

const tmp = makeTempDir();
let archive: Buffer;
const files: Record<string, Buffer> = {
  'a.txt': Buffer.from('alpha\n'),
  'b.bin': Buffer.alloc(3000, 7),
  'c.txt': Buffer.from('gamma gamma\n'),
};

function sha(b: Uint8Array): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

beforeAll(() => {
  for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp.dir, name), data);
  // -b 1: no record padding, so the archive ends exactly with the two zero blocks
  execFileSync('tar', [
    '-c',
    '-b',
    '1',
    '-f',
    join(tmp.dir, 'x.tar'),
    '--format=posix',
    '-C',
    tmp.dir,
    ...Object.keys(files),
  ]);
  archive = readFileSync(join(tmp.dir, 'x.tar'));
});
afterAll(() => tmp.cleanup());

describe('end of archive', () => {
  it('reads a stream without end-of-archive blocks fully, with a warning', async () => {
    const full = await readAll(chunked(archive, [1000]), { hashContents: true });
    const cut = await readAll(chunked(archive.subarray(0, archive.length - 1024), [1000]), {
      hashContents: true,
    });
    expect(full.warnings).toEqual([]);
    expect(cut.entries).toEqual(full.entries);
    expect(cut.warnings).toHaveLength(1);
    expect(cut.warnings[0]).toMatch(/without end-of-archive blocks/);
  });

  it('warns about a single end block and about data after the end', async () => {
    const single = await readAll(chunked(archive.subarray(0, archive.length - 512), [4096]));
    expect(single.warnings.join()).toMatch(/single end-of-archive block/);
    const trailing = await readAll(chunked(Buffer.concat([archive, Buffer.from('junk')]), [4096]));
    expect(trailing.entries.map((e) => e.path)).toEqual(Object.keys(files));
    expect(trailing.warnings.join()).toMatch(/data after its end-of-archive blocks/);
  });
});

describe('errors', () => {
  it('a bad header checksum is CORRUPT_TAR naming the header offset and the caller location', async () => {
    const { entries } = await readAll(chunked(archive, [archive.length]));
    const second = entries[1]!.offset;
    const bad = Buffer.from(archive);
    bad[second + 3] = bad[second + 3]! ^ 0x20;
    const e = await expectStowageError(
      readAll(chunked(bad, [512]), { where: { file: 'x.tar', layerIndex: 2 } }),
      'CORRUPT_TAR',
    );
    expect(e.where).toMatchObject({ file: 'x.tar', layerIndex: 2, offset: second });
    expect(e.message).toContain(`byte offset ${second}`);
    expect(e.message).toContain('file x.tar');
  });

  it('a stream cut inside a body or a header is TRUNCATED with the offset where it ended', async () => {
    const { entries, dataOffsets } = await readAll(chunked(archive, [archive.length]));
    const inBody = dataOffsets[1]! + 100;
    const e1 = await expectStowageError(readAll(chunked(archive.subarray(0, inBody), [333])), 'TRUNCATED');
    expect(e1.where.offset).toBe(inBody);
    const inHeader = entries[2]!.offset + 700; // inside the ustar header after the PAX header
    await expectStowageError(readAll(chunked(archive.subarray(0, inHeader), [333])), 'TRUNCATED');
    const afterPax = entries[2]!.offset + 1024;
    await expectStowageError(readAll(chunked(archive.subarray(0, afterPax), [333])), 'TRUNCATED');
    // also when the consumer does not read the bodies
    await expectStowageError(
      readAll(chunked(archive.subarray(0, inBody), [333]), {}, () => false),
      'TRUNCATED',
    );
  });

  it('data that is not tar is CORRUPT_TAR', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff));
    await expectStowageError(readAll(chunked(random, [4096])), 'CORRUPT_TAR');
    await expectStowageError(readAll(chunked(gzipSync(archive), [4096])), 'CORRUPT_TAR');
  });

  it('a malformed PAX record is CORRUPT_TAR', async () => {
    const bad = Buffer.from(archive);
    const pax = bad.indexOf(' mtime=');
    expect(pax).toBeGreaterThan(0);
    bad[pax] = 0x78; // no space after the record length
    await expectStowageError(readAll(chunked(bad, [4096])), 'CORRUPT_TAR');
  });
});

describe('bodies', () => {
  it('hashes bodies that are not read, partly read, or fully read alike', async () => {
    for (const mode of [false, 'partial', true] as const) {
      const r = await readAll(chunked(archive, [100]), { hashContents: true }, () => mode);
      expect(r.entries.map((e) => e.contentHash)).toEqual(Object.values(files).map(sha));
    }
  });

  it('sets contentHash before the next item and refuses a stale body', async () => {
    const it = readTar(chunked(archive, [64]), { hashContents: true });
    const first = (await it.next()).value!;
    expect(first.entry.contentHash).toBeUndefined();
    await it.next();
    expect(first.entry.contentHash).toBe(sha(files['a.txt']!));
    const stale = first.body()[Symbol.asyncIterator]();
    await expectStowageError(stale.next(), 'INTERNAL');
    await it.return(undefined);
  });

  it('releases the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield* chunked(archive, [512]);
      } finally {
        closed = true;
      }
    }
    for await (const item of readTar(source())) {
      expect(item.entry.path).toBe('a.txt');
      break;
    }
    expect(closed).toBe(true);
  });
});
