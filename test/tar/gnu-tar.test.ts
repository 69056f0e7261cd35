/**
 * readTar against archives made by GNU tar in every format it writes (ustar, gnu, oldgnu, posix with
 * each sparse version), compared field by field with Python's tarfile and with `tar -tv`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { buildTree, GNU_VARIANTS as VARIANTS } from './fixtures.js';
import {
  chunked,
  expectMatchesPython,
  GNU_KIND,
  gnuListing,
  makeTempDir,
  modeString,
  pythonMembers,
  readAll,
} from './helpers.js';

describeWithTools('readTar on GNU tar archives', ['tar', 'python3', 'mknod', 'mkfifo', 'truncate'], () => {
  const tmp = makeTempDir();
  const archives = new Map<string, string>();

  beforeAll(() => {
    for (const v of VARIANTS) {
      const root = join(tmp.dir, `tree-${v.name}`);
      execFileSync('mkdir', [root]);
      buildTree(root, v);
      const archive = join(tmp.dir, `${v.name}.tar`);
      execFileSync('tar', ['-c', '-f', archive, '--sort=name', ...v.args, '-C', root, '.']);
      archives.set(v.name, archive);
    }
  });
  afterAll(() => tmp.cleanup());

  for (const v of VARIANTS) {
    it(`${v.name}: every field equals Python tarfile's reading`, async () => {
      const archive = archives.get(v.name) as string;
      const data = readFileSync(archive);
      const members = pythonMembers(archive);
      if (v.sparse) expect(members.filter((m) => m.sparse).length).toBe(2);
      // whole buffer, odd chunk sizes that split headers and bodies, and single bytes at the start
      for (const sizes of [[data.length], [511, 513, 1, 7, 4096], [1, 2, 3, 100_000]]) {
        const r = await readAll(chunked(data, sizes), { hashContents: true });
        expect(r.warnings).toEqual([]);
        expectMatchesPython(r.entries, members);
        // what the consumer read is what was hashed
        r.entries.forEach((e, i) => expect(r.bodies[i]).toBe(e.contentHash));
      }
    });

    it(`${v.name}: paths, kinds, modes, owners and sizes equal tar -tv`, async () => {
      const archive = archives.get(v.name) as string;
      const listed = gnuListing(archive);
      const r = await readAll(chunked(readFileSync(archive), [65536]), {}, () => false);
      expect(r.entries.map((e) => e.rawPath)).toEqual(listed.map((l) => l.name));
      r.entries.forEach((e, i) => {
        const l = listed[i]!;
        expect(e.type).toBe(GNU_KIND[l.kind]);
        expect(modeString(e.mode)).toBe(l.mode);
        expect([e.uid, e.gid]).toEqual([l.uid, l.gid]);
        if (e.type === 'file') expect(String(e.size)).toBe(l.size);
        if (e.type === 'char' || e.type === 'block') expect(`${e.devMajor},${e.devMinor}`).toBe(l.size);
        if (e.type === 'symlink') expect(e.linkTarget).toBe(l.link);
        if (e.type === 'hardlink') expect(e.linkTarget).toBe(l.link?.replace(/^\.\//, ''));
      });
    });
  }

  it('dataOffset locates each non-sparse file body in the archive', async () => {
    const archive = archives.get('posix-big-ids') as string;
    const data = readFileSync(archive);
    const r = await readAll(chunked(data, [4096]), { hashContents: true });
    const { createHash } = await import('node:crypto');
    let checked = 0;
    r.entries.forEach((e, i) => {
      if (e.type !== 'file') return;
      const at = r.dataOffsets[i]!;
      expect(
        `sha256:${createHash('sha256')
          .update(data.subarray(at, at + e.size))
          .digest('hex')}`,
      ).toBe(e.contentHash);
      checked++;
    });
    expect(checked).toBeGreaterThan(5);
  });
});
