/**
 * writeTar: determinism, when it falls back to PAX, size checks, and that Python's tarfile reads
 * its output with every field intact.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStowageError, makeTempDir, python, pythonMembers } from '../../test/tar/helpers.js';
import { encodePaxRecords } from './pax.js';
import { writeTar, type TarWriteEntry } from './writer.js';

async function collect(entries: TarWriteEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of writeTar(entries)) parts.push(b);
  return Buffer.concat(parts);
}

async function* stream(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield Buffer.from(c);
}

/** typeflags lists the typeflag of every header in an archive made of single-block headers. */
function typeflags(tar: Buffer): string[] {
  const flags: string[] = [];
  for (let pos = 0; pos + 512 <= tar.length && tar[pos] !== 0;) {
    const size = parseInt(tar.toString('latin1', pos + 124, pos + 135), 8);
    flags.push(String.fromCharCode(tar[pos + 156]!));
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return flags;
}

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('writeTar', () => {
  const sample: TarWriteEntry[] = [
    { path: 'etc', type: 'dir' },
    { path: 'etc/hosts', type: 'file', body: Buffer.from('127.0.0.1 localhost\n'), mtime: 1700000000 },
    { path: 'etc/link', type: 'symlink', linkTarget: 'hosts' },
  ];

  it('is deterministic and ends with two zero blocks', async () => {
    const a = await collect(sample);
    const b = await collect(sample);
    expect(a.equals(b)).toBe(true);
    expect(a.length % 512).toBe(0);
    expect(a.subarray(a.length - 1024).every((x) => x === 0)).toBe(true);
  });

  it('writes plain ustar when everything fits, PAX only when needed', async () => {
    expect(typeflags(await collect(sample))).toEqual(['5', '0', '2']);
    for (const e of [
      { path: `${'p'.repeat(160)}/${'n'.repeat(101)}`, type: 'file' },
      { path: 'ünï', type: 'file' },
      { path: 'l', type: 'symlink', linkTarget: 't'.repeat(101) },
      { path: 'u', type: 'file', uid: 2 ** 21 },
      { path: 'm', type: 'file', mtime: 1.5 },
      { path: 'x', type: 'file', xattrs: { 'user.a': Buffer.from([0, 1]) } },
    ] as TarWriteEntry[]) {
      expect(typeflags(await collect([e])), e.path).toEqual(['x', e.type === 'symlink' ? '2' : '0']);
    }
    // a 200-byte ASCII path splits into ustar prefix and name
    expect(
      typeflags(await collect([{ path: `${'p'.repeat(99)}/${'n'.repeat(100)}`, type: 'file' }])),
    ).toEqual(['0']);
  });

  it('checks streamed bodies against their size', async () => {
    const good = await collect([{ path: 'f', type: 'file', size: 6, body: stream('abc', 'def') }]);
    expect(good.length).toBe(512 * 4);
    await expectStowageError(
      collect([{ path: 'f', type: 'file', size: 5, body: stream('abc', 'def') }]),
      'SIZE_MISMATCH',
    );
    await expectStowageError(
      collect([{ path: 'f', type: 'file', size: 7, body: stream('abc', 'def') }]),
      'SIZE_MISMATCH',
    );
    await expectStowageError(
      collect([{ path: 'f', type: 'file', size: 2, body: Buffer.from('abc') }]),
      'SIZE_MISMATCH',
    );
    await expectStowageError(collect([{ path: 'd', type: 'dir', body: Buffer.from('x') }]), 'USAGE');
    await expectStowageError(collect([{ path: 'l', type: 'symlink' }]), 'USAGE');
  });

  it("is read back by Python's tarfile with every field intact", async () => {
    const entries: TarWriteEntry[] = [
      ...sample,
      { path: 'dev/null', type: 'char', devMajor: 1, devMinor: 3, mode: 0o666 },
      { path: 'dev/loop', type: 'block', devMajor: 7, devMinor: 3000000 },
      { path: 'fifo', type: 'fifo', mode: 0o600 },
      { path: 'etc/hard', type: 'hardlink', linkTarget: 'etc/hosts' },
      { path: `deep/${'x'.repeat(300)}`, type: 'file', body: Buffer.from('deep') },
      {
        path: 'big',
        type: 'file',
        uid: 3000000,
        gid: 2 ** 40,
        uname: 'jöhn',
        gname: 'g'.repeat(40),
        mtime: -5.25,
      },
      { path: 'cap', type: 'file', xattrs: { 'security.capability': Buffer.from([1, 0, 0xff, 0x0a]) } },
    ];
    const file = join(tmp.dir, 'w.tar');
    writeFileSync(file, await collect(entries));
    const members = pythonMembers(file);
    expect(members.map((m) => m.name)).toEqual(entries.map((e) => e.path));
    entries.forEach((e, i) => {
      const m = members[i]!;
      expect(m.type).toBe(e.type);
      expect(m.mode).toBe(e.mode ?? (e.type === 'dir' ? 0o755 : e.type === 'symlink' ? 0o777 : 0o644));
      expect([m.uid, m.gid, m.uname, m.gname, m.mtime]).toEqual([
        e.uid ?? 0,
        e.gid ?? 0,
        e.uname ?? '',
        e.gname ?? '',
        e.mtime ?? 0,
      ]);
      if (e.linkTarget !== undefined) expect(m.linkname).toBe(e.linkTarget);
      if (e.type === 'char' || e.type === 'block')
        expect([m.devmajor, m.devminor]).toEqual([e.devMajor, e.devMinor]);
      const body = e.body instanceof Uint8Array ? e.body : undefined;
      if (e.type === 'file')
        expect(m.sha256).toBe(
          `sha256:${createHash('sha256')
            .update(body ?? Buffer.alloc(0))
            .digest('hex')}`,
        );
      expect(m.xattrs).toEqual(
        Object.fromEntries(Object.entries(e.xattrs ?? {}).map(([k, v]) => [k, v.toString('hex')])),
      );
    });
  });
});

describe('encodePaxRecords', () => {
  it("matches Python's record encoding around length-prefix digit boundaries", () => {
    for (const n of [0, 1, 5, 6, 7, 90, 91, 92, 93, 94, 95, 96, 990, 991, 992, 993, 994, 995]) {
      const value = 'v'.repeat(n);
      const ours = encodePaxRecords([{ key: 'comment', value: Buffer.from(value) }]);
      const theirs = python(
        "import sys,tarfile; h=tarfile.TarInfo._create_pax_generic_header({'comment': sys.argv[1]}, tarfile.XHDTYPE, 'utf-8'); n=int(h[124:135],8); sys.stdout.buffer.write(h[512:512+n])",
        [value],
      );
      expect(ours.toString('latin1'), `value of ${n}`).toBe(theirs.toString('latin1'));
    }
  });
});
