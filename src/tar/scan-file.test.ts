/**
 * scanTarFile behaviour of its own: it reads headers and jumps over bodies, names the archive file
 * in its errors, and closes the file however the scan ends. Archives are made by GNU tar; equality
 * with readTar on every format is tested in test/tar/scan-file.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { open, readFile, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { patterned } from '../../test/tar/fixtures.js';
import { expectStowageError, makeTempDir, streamedIndex } from '../../test/tar/helpers.js';
import { scanTarFile } from './scan-file.js';

const tmp = makeTempDir('stowage-scan-unit-');
const BODY = 2 << 20;
let archive: string;
let size: number;

/** spyOnReads spies on FileHandle.read; each call's `this` is the handle read from. */
async function spyOnReads() {
  const fh = await open(archive, 'r');
  const proto = Object.getPrototypeOf(fh) as { read: (...args: unknown[]) => unknown };
  await fh.close();
  return vi.spyOn(proto, 'read');
}

/** handlesUsed lists the distinct file handles the spied reads went to. */
function handlesUsed(read: Awaited<ReturnType<typeof spyOnReads>>): FileHandle[] {
  return [...new Set(read.mock.contexts as FileHandle[])];
}

async function scanAll(file: string): Promise<string[]> {
  const paths: string[] = [];
  for await (const found of scanTarFile(file)) paths.push(found.entry.path);
  return paths;
}

beforeAll(async () => {
  const names = ['a.bin', 'b.bin', 'c.bin', 'd.bin'];
  for (const [i, name] of names.entries()) await writeFile(join(tmp.dir, name), patterned(BODY + i, i));
  archive = join(tmp.dir, 'x.tar');
  execFileSync('tar', ['-c', '-f', archive, '--format=posix', '-C', tmp.dir, ...names]);
  size = (await stat(archive)).size;
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => tmp.cleanup());

describe('scanTarFile', () => {
  it('finds every entry and its data while reading a small part of the file', async () => {
    const read = await spyOnReads();
    const found = [];
    for await (const f of scanTarFile(archive)) found.push(f);
    const requested = read.mock.calls.reduce((sum, args) => sum + (args[2] as number), 0);
    expect(found.map((f) => f.entry.path)).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin']);
    expect(requested).toBeGreaterThanOrEqual(found.length * 512);
    expect(requested).toBeLessThan(size / 20);
    const data = await readFile(archive);
    for (const [i, f] of found.entries()) {
      expect(f.storedSize).toBe(BODY + i);
      expect(data.subarray(f.dataOffset, f.dataOffset + f.storedSize).equals(patterned(BODY + i, i))).toBe(
        true,
      );
    }
  });

  it('a damaged header is CORRUPT_TAR naming the file and the header offset', async () => {
    const { entries } = await streamedIndex(archive);
    const second = entries[1]!.offset;
    const bad = Buffer.from(await readFile(archive));
    const header = second + 1024; // the ustar header after the PAX header and its data
    bad[header + 88] = bad[header + 88]! ^ 0x01;
    const file = join(tmp.dir, 'bad.tar');
    await writeFile(file, bad);
    const e = await expectStowageError(scanAll(file), 'CORRUPT_TAR');
    expect(e.where).toMatchObject({ file, offset: header });
    expect(e.message).toContain(file);
  });

  it('an archive cut inside a body is TRUNCATED naming the file, the entry and where it ends', async () => {
    const { dataOffsets } = await streamedIndex(archive);
    const file = join(tmp.dir, 'cut.tar');
    await writeFile(file, await readFile(archive));
    const cut = dataOffsets[2]! + 1000;
    await truncate(file, cut);
    const e = await expectStowageError(scanAll(file), 'TRUNCATED');
    expect(e.where).toMatchObject({ file, path: 'c.bin', offset: cut });
    expect(e.message).toContain(file);
  });

  it('closes the file when the consumer stops early and when the scan fails', async () => {
    const read = await spyOnReads();
    for await (const f of scanTarFile(archive)) {
      expect(f.entry.path).toBe('a.bin');
      break;
    }
    const file = join(tmp.dir, 'junk.tar');
    await writeFile(file, Buffer.alloc(4096, 0x41));
    await expectStowageError(scanAll(file), 'CORRUPT_TAR');
    const handles = handlesUsed(read);
    expect(handles).toHaveLength(2);
    for (const fh of handles) expect(fh.fd).toBe(-1); // closed
  });
});
