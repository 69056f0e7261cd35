/** Tests for the oci-archive: source, checked against skopeo where it is installed. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithTools } from '../../../test/helpers/tools.js';
import {
  drain,
  expectLayers,
  failure,
  LayoutWriter,
  removeDir,
  runTool,
  tagged,
  tarDir,
  tempDir,
  writeTwoLayerImage,
  type TwoLayerImage,
} from '../../../test/helpers/layout-fixtures.js';
import { openImage } from '../index.js';

let work: string;
let archive: string;
let first: TwoLayerImage;
let second: TwoLayerImage;

beforeAll(async () => {
  work = await tempDir();
  const w = new LayoutWriter(join(work, 'layout'));
  first = await writeTwoLayerImage(w, work);
  second = await writeTwoLayerImage(w, work, ['none', 'gzip']);
  await w.finish([tagged(first.manifest, 'first'), tagged(second.manifest, 'second')]);
  archive = join(work, 'image.tar');
  tarDir(w.dir, archive);
});
afterAll(async () => {
  await removeDir(work);
});

describe('oci-archive: reads a two-layer image in place', () => {
  it('gives the manifest, config, layer digests, diff_ids and entries', async () => {
    for (const [ref, im] of [
      [`oci-archive:${archive}:first`, first],
      [`oci-archive:${archive}:second`, second],
    ] as const) {
      const image = await openImage(ref);
      expect(await image.manifestDigest()).toBe(im.manifest.digest);
      expect(Buffer.from(await image.rawConfig()).equals(im.configBytes)).toBe(true);
      await expectLayers(image, im.layers);
      expect(image.ref()).toMatchObject({ source: 'oci-archive', location: archive });
    }
  });

  it('reads members stored without a ./ prefix', async () => {
    const plain = join(work, 'plain.tar');
    runTool('tar', ['-C', join(work, 'layout'), '-cf', plain, 'oci-layout', 'index.json', 'blobs']);
    await expectLayers(await openImage(`oci-archive:${plain}:first`), first.layers);
  });

  it('reads a gzip-compressed archive by streaming it again', async () => {
    const gz = join(work, 'image.tar.gz');
    await writeFile(gz, runTool('gzip', ['-n', '-c', archive]));
    const image = await openImage(`oci-archive:${gz}:second`);
    expect(await image.manifestDigest()).toBe(second.manifest.digest);
    await expectLayers(image, second.layers);
  });
});

describe('oci-archive: errors', () => {
  it('TAG_NOT_FOUND lists the tags and names the file', async () => {
    for (const ref of [`oci-archive:${archive}`, `oci-archive:${archive}:third`]) {
      const e = await failure(openImage(ref));
      expect(e.code).toBe('TAG_NOT_FOUND');
      expect(e.message).toContain(archive);
      expect(e.message).toContain('first, second');
    }
  });

  it('NOT_FOUND for a missing file', async () => {
    const e = await failure(openImage(`oci-archive:${work}/absent.tar`));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain(`${work}/absent.tar`);
  });

  it('NOT_AN_IMAGE for a tar without index.json and for a file that is not a tar', async () => {
    const other = join(work, 'other.tar');
    await writeFile(join(work, 'hello.txt'), 'hello\n');
    runTool('tar', ['-C', work, '-cf', other, 'hello.txt']);
    const text = join(work, 'notes.txt');
    await writeFile(text, 'these are not the bytes of a tar archive, just a line of text\n'.repeat(20));
    for (const file of [other, text]) {
      const e = await failure(openImage(`oci-archive:${file}`));
      expect(e.code).toBe('NOT_AN_IMAGE');
      expect(e.message).toContain(file);
    }
  });

  it('DIGEST_MISMATCH names the archive member and the layer', async () => {
    const dir = join(work, 'bad-layout');
    const w = new LayoutWriter(dir);
    const im = await writeTwoLayerImage(w, work);
    await w.finish([im.manifest]);
    const digest = im.layers[0]!.digest;
    const blob = Buffer.from(im.layers[0]!.blob);
    blob.writeUInt8(1, 4); // gzip's mtime: still inflates
    await writeFile(join(dir, 'blobs/sha256', digest.slice(7)), blob);
    const bad = join(work, 'bad.tar');
    tarDir(dir, bad);
    const layer = (await (await openImage(`oci-archive:${bad}`)).layers())[0]!;
    const e = await failure(drain(layer.entries()));
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(e.message).toContain(`${bad} member blobs/sha256/${digest.slice(7)}`);
    expect(e.message).toContain(digest);
  });
});

describeWithTools('oci-archive: agrees with skopeo', ['skopeo'], () => {
  it('has the manifest and config skopeo reads', async () => {
    const image = await openImage(`oci-archive:${archive}:second`);
    const raw = runTool('skopeo', ['inspect', '--raw', `oci-archive:${archive}:second`]);
    expect(Buffer.from(await image.rawManifest()).equals(raw)).toBe(true);
    const config = runTool('skopeo', ['inspect', '--config', '--raw', `oci-archive:${archive}:second`]);
    expect(Buffer.from(await image.rawConfig()).equals(config)).toBe(true);
  });
});
