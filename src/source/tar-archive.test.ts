/** Tests for TarArchive: in-place member reads (plain, gzip, zstd archives) and link resolution. */
import { link, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../test/helpers/byte-streams.js';
import { failure, removeDir, runTool, tempDir } from '../../test/helpers/layout-fixtures.js';
import { memberName, TarArchive } from './tar-archive.js';

let work: string;
let plain: string;
const body = Buffer.from('payload '.repeat(300));

beforeAll(async () => {
  work = await tempDir();
  const dir = join(work, 'tree');
  await mkdir(join(dir, 'd'), { recursive: true });
  await writeFile(join(dir, 'd', 'file'), body);
  await writeFile(join(dir, 'empty'), '');
  await link(join(dir, 'd', 'file'), join(dir, 'hard'));
  await symlink('d/file', join(dir, 'rel'));
  await symlink('../rel', join(dir, 'd', 'chain'));
  await symlink('/d/file', join(dir, 'abs'));
  await symlink('nowhere', join(dir, 'dangling'));
  await symlink('loop', join(dir, 'loop'));
  plain = join(work, 'a.tar');
  runTool('tar', ['-C', dir, '-cf', plain, '.']);
});
afterAll(async () => {
  await removeDir(work);
});

describe('TarArchive', () => {
  it('normalises member names', () => {
    expect(memberName('./a/b/')).toBe('a/b');
    expect(memberName('/a/../b')).toBe('b');
    expect(memberName('.')).toBe('');
  });

  for (const kind of ['plain', 'gzip', 'zstd'] as const) {
    it(`serves files, hard links and symlink chains (${kind} archive)`, async () => {
      let file = plain;
      if (kind !== 'plain') {
        file = join(work, `a.tar.${kind}`);
        await writeFile(file, runTool(kind, ['-c', plain]));
      }
      const archive = await TarArchive.scan(file);
      expect(archive.compression).toBe(kind === 'plain' ? 'none' : kind);
      for (const name of ['d/file', './d/file', 'hard', 'rel', 'd/chain', 'abs']) {
        expect(await archive.exists(name)).toBe(true);
        expect((await collect(archive.open(name))).equals(body)).toBe(true);
        expect(archive.memberSize(name)).toBe(body.length);
      }
      expect((await collect(archive.open('empty'))).length).toBe(0);
      for (const name of ['dangling', 'loop', 'd', 'absent']) {
        expect(await archive.exists(name)).toBe(false);
        const e = await failure(collect(archive.open(name)));
        expect(e.code).toBe('NOT_FOUND');
        expect(e.message).toContain(file);
      }
    });
  }
});
