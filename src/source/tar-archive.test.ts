/**
 * Tests for TarArchive: in-place member reads (plain, gzip, zstd archives), link resolution, and the
 * seeking index of plain archives (docker save in each shape, OCI archives) against the streaming one.
 */
import { link, mkdir, mkdtemp, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../test/helpers/byte-streams.js';
import {
  failure,
  LayoutWriter,
  makeLayer,
  removeDir,
  runTool,
  tagged,
  tarDir,
  tempDir,
  writeDockerSave,
  writeTwoLayerImage,
  type DockerShape,
} from '../../test/helpers/layout-fixtures.js';
import { seekedIndex, streamedIndex } from '../../test/tar/helpers.js';
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

/** imageArchive writes an image in `shape` (a docker save shape, or an OCI layout) and tars it uncompressed. */
async function imageArchive(shape: DockerShape | 'oci'): Promise<string> {
  const dir = await mkdtemp(join(work, `image-${shape}-`));
  if (shape === 'oci') {
    const w = new LayoutWriter(dir);
    const image = await writeTwoLayerImage(w, work, ['none', 'gzip']);
    await w.finish([tagged(image.manifest, 'latest')]);
  } else {
    const layers = [
      await makeLayer(work, { 'etc/': '', 'etc/hosts': 'h\n' }, 'none'),
      await makeLayer(work, { 'app/x': 'x'.repeat(5000) }, 'gzip'),
    ];
    const configBytes = Buffer.from(
      JSON.stringify({ rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } }),
    );
    await writeDockerSave(dir, shape, [{ repoTags: ['x:1'], layers, configBytes }]);
  }
  const file = `${dir}.tar`;
  tarDir(dir, file);
  return file;
}

describe('TarArchive index of an uncompressed archive', () => {
  for (const shape of ['legacy', 'skopeo', 'docker25', 'symlinked', 'oci'] as const) {
    it(`${shape}: the seeking scan indexes what the streaming scan of the same archive does`, async () => {
      const plain = await imageArchive(shape);
      const streamed = await streamedIndex(plain);
      expect(streamed.error).toBeUndefined();
      expect(await seekedIndex(plain)).toEqual(streamed);
      // the gzip copy is indexed by streaming: both must serve the same members
      const gz = `${plain}.gz`;
      await writeFile(gz, runTool('gzip', ['-c', plain]));
      const [seeking, streaming] = [await TarArchive.scan(plain), await TarArchive.scan(gz)];
      expect([seeking.compression, streaming.compression]).toEqual(['none', 'gzip']);
      expect(seeking.names()).toEqual(streaming.names());
      expect(seeking.names()).toContain(shape === 'oci' ? 'index.json' : 'manifest.json');
      for (const name of seeking.names()) {
        expect(await seeking.exists(name), name).toBe(await streaming.exists(name));
        expect(seeking.memberSize(name), name).toBe(streaming.memberSize(name));
        if (await seeking.exists(name)) {
          expect((await collect(seeking.open(name))).equals(await collect(streaming.open(name))), name).toBe(
            true,
          );
        }
      }
    });
  }

  it('a cut or damaged archive fails with a typed error naming the file and byte offset', async () => {
    const plain = await imageArchive('skopeo');
    const { entries, dataOffsets } = await streamedIndex(plain);
    const cut = join(work, 'cut.tar');
    await writeFile(cut, await readFile(plain));
    const at = dataOffsets[dataOffsets.length - 1]! - 1;
    await truncate(cut, at);
    const e1 = await failure(TarArchive.scan(cut));
    expect(e1.code).toBe('TRUNCATED');
    expect(e1.where).toMatchObject({ file: cut, offset: at });
    const bad = Buffer.from(await readFile(plain));
    const second = entries[1]!.offset;
    bad[second] = bad[second]! ^ 0x01;
    const damaged = join(work, 'damaged.tar');
    await writeFile(damaged, bad);
    const e2 = await failure(TarArchive.scan(damaged));
    expect(e2.code).toBe('CORRUPT_TAR');
    expect(e2.where).toMatchObject({ file: damaged, offset: second });
    expect(e2.message).toContain(damaged);
    const junk = join(work, 'junk.tar');
    await writeFile(junk, Buffer.alloc(3000, 0x41));
    expect((await failure(TarArchive.scan(junk))).code).toBe('NOT_AN_IMAGE');
  });
});
