/** Tests for reference resolution: schemes, bare paths sniffed, paths with colons, and refusals. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failure,
  LayoutWriter,
  removeDir,
  runTool,
  tagged,
  tarDir,
  tempDir,
  writeDockerSave,
  writeTwoLayerImage,
  type TwoLayerImage,
} from '../../test/helpers/layout-fixtures.js';
import { listPlatforms, openImage } from './index.js';

let work: string;
let layoutDir: string;
let im: TwoLayerImage;

beforeAll(async () => {
  work = await tempDir();
  // A directory whose name holds a colon, to check tag parsing against paths.
  layoutDir = join(work, 'odd:name');
  const w = new LayoutWriter(layoutDir);
  im = await writeTwoLayerImage(w, work, ['none', 'none']);
  await w.finish([tagged(im.manifest, 'v1')]);
});
afterAll(async () => {
  await removeDir(work);
});

describe('openImage: references', () => {
  it('reads a path holding a colon, with and without a tag', async () => {
    for (const ref of [`oci:${layoutDir}`, `oci:${layoutDir}:v1`, layoutDir, `${layoutDir}:v1`]) {
      expect(await (await openImage(ref)).manifestDigest()).toBe(im.manifest.digest);
    }
    expect((await openImage(`${layoutDir}:v1`)).ref()).toMatchObject({
      source: 'oci',
      location: layoutDir,
      tag: 'v1',
    });
  });

  it('sniffs bare tar files: OCI archives, and docker save (also when it holds an OCI layout)', async () => {
    const oci = join(work, 'oci.tar');
    tarDir(layoutDir, oci);
    expect((await openImage(oci)).ref().source).toBe('oci-archive');
    expect(await (await openImage(oci)).manifestDigest()).toBe(im.manifest.digest);
    const saveDir = join(work, 'save');
    await mkdir(saveDir);
    await writeDockerSave(saveDir, 'docker25', [
      { repoTags: ['x:y'], layers: im.layers, configBytes: im.configBytes },
    ]);
    const save = join(work, 'save.tar');
    tarDir(saveDir, save);
    const image = await openImage(save);
    expect(image.ref().source).toBe('docker-archive');
    expect((await image.manifest()).config.digest).toBe(im.config.digest);
  });

  it('lists the single platform of a plain image', async () => {
    const list = await listPlatforms(`oci:${layoutDir}`);
    expect(list).toEqual([
      {
        platform: { os: 'linux', architecture: 'amd64' },
        digest: im.manifest.digest,
        size: im.manifest.size,
        mediaType: im.manifest.mediaType,
      },
    ]);
  });

  it('INVALID_REFERENCE for a name that is neither a path nor a valid registry reference', async () => {
    for (const ref of ['Nginx', 'registry:UPPER/case', 'library/nginx:bad tag', 'registry:x@sha256:12']) {
      const e = await failure(openImage(ref));
      expect(e.code).toBe('INVALID_REFERENCE');
      expect(e.message).toContain('not a valid image reference');
    }
  });

  it('INVALID_REFERENCE for an empty tag', async () => {
    const e = await failure(openImage(`oci:${layoutDir}:`));
    expect(e.code).toBe('INVALID_REFERENCE');
  });

  it('NOT_FOUND for a missing path, with or without a scheme', async () => {
    for (const ref of [`${work}/absent.tar`, './absent-dir', `docker-archive:${work}/absent.tar:a:b`]) {
      const e = await failure(openImage(ref));
      expect(e.code).toBe('NOT_FOUND');
      expect(e.message).toContain('absent');
    }
  });

  it('NOT_AN_IMAGE for a directory or tar that is neither layout nor save', async () => {
    const dir = join(work, 'plain-dir');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), 'a');
    const tar = join(work, 'plain.tar');
    runTool('tar', ['-C', dir, '-cf', tar, 'a.txt']);
    for (const ref of [dir, tar, `oci:${tar}`]) {
      const e = await failure(openImage(ref));
      expect(e.code).toBe('NOT_AN_IMAGE');
      expect(e.message).toContain(ref.replace(/^oci:/, ''));
    }
  });

  it('USAGE for a malformed --platform', async () => {
    const e = await failure(openImage(layoutDir, { platform: 'linux' }));
    expect(e.code).toBe('USAGE');
  });
});
