/** Tests for the oci: source and the shared Image/Layer: reading, selection, and every error code. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configJson,
  drain,
  expectLayers,
  failure,
  LayoutWriter,
  makeLayer,
  removeDir,
  sha256,
  tagged,
  tempDir,
  writeTwoLayerImage,
  BASE_FILES,
  TOP_FILES,
  type FixtureDescriptor,
} from '../../../test/helpers/layout-fixtures.js';
import { listPlatforms, openImage } from '../index.js';

let work: string;

beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await removeDir(work);
});

/** layout makes a fresh layout directory under the work dir. */
async function layout(name: string): Promise<LayoutWriter> {
  return new LayoutWriter(join(work, name));
}

describe('oci: reads a two-layer image', () => {
  it('gives the manifest, config, layer digests, diff_ids and entries', async () => {
    const w = await layout('two');
    const im = await writeTwoLayerImage(w, work);
    await w.finish([tagged(im.manifest, 'latest')]);
    for (const ref of [`oci:${w.dir}`, `oci:${w.dir}:latest`, w.dir]) {
      const image = await openImage(ref);
      expect(await image.manifestDigest()).toBe(im.manifest.digest);
      expect(sha256(Buffer.from(await image.rawManifest()))).toBe(im.manifest.digest);
      expect((await image.manifest()).config.digest).toBe(im.config.digest);
      expect(Buffer.from(await image.rawConfig()).equals(im.configBytes)).toBe(true);
      expect(await image.platform()).toEqual({ os: 'linux', architecture: 'amd64' });
      expect(await image.index()).toBeUndefined();
      await expectLayers(image, im.layers);
    }
    expect((await openImage(`oci:${w.dir}:latest`)).ref()).toMatchObject({
      source: 'oci',
      location: w.dir,
      tag: 'latest',
      display: `oci:${w.dir}:latest`,
    });
  });
});

describe('oci: selection', () => {
  let dir: string;
  let one: FixtureDescriptor;
  let two: FixtureDescriptor;

  beforeAll(async () => {
    const w = await layout('tags');
    dir = w.dir;
    one = (await writeTwoLayerImage(w, work, ['gzip', 'gzip'])).manifest;
    two = (await writeTwoLayerImage(w, work, ['none', 'zstd'])).manifest;
    await w.finish([
      tagged(one, 'one'),
      { ...two, annotations: { 'org.opencontainers.image.ref.name': 'ex.io/app:two' } },
    ]);
  });

  it('picks by tag, by full ref name, and by digest', async () => {
    expect(await (await openImage(`oci:${dir}:one`)).manifestDigest()).toBe(one.digest);
    expect(await (await openImage(`oci:${dir}:two`)).manifestDigest()).toBe(two.digest);
    expect(await (await openImage(`oci:${dir}:ex.io/app:two`)).manifestDigest()).toBe(two.digest);
    expect(await (await openImage(`oci:${dir}@${two.digest}`)).manifestDigest()).toBe(two.digest);
  });

  it('TAG_NOT_FOUND without a tag lists the tags', async () => {
    const e = await failure(openImage(`oci:${dir}`));
    expect(e.code).toBe('TAG_NOT_FOUND');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('one, ex.io/app:two');
  });

  it('TAG_NOT_FOUND for a missing tag lists the tags', async () => {
    const e = await failure(openImage(`oci:${dir}:three`));
    expect(e.code).toBe('TAG_NOT_FOUND');
    expect(e.message).toContain('"three"');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('one, ex.io/app:two');
  });

  it('TAG_NOT_FOUND for a digest the layout does not hold', async () => {
    const missing = sha256(Buffer.from('nothing'));
    const e = await failure(openImage(`oci:${dir}@${missing}`));
    expect(e.code).toBe('TAG_NOT_FOUND');
    expect(e.message).toContain(missing);
  });
});

describe('oci: platforms', () => {
  let dir: string;
  let amd: FixtureDescriptor;
  let arm: FixtureDescriptor;
  let idx: FixtureDescriptor;

  beforeAll(async () => {
    const w = await layout('multi');
    dir = w.dir;
    amd = (await writeTwoLayerImage(w, work)).manifest;
    arm = (await writeTwoLayerImage(w, work, ['gzip', 'gzip'], { os: 'linux', architecture: 'arm64' }))
      .manifest;
    const att = await w.manifest(await w.blob(Buffer.from('{}'), 'application/vnd.oci.empty.v1+json'), []);
    // A nested index: the top index holds an index for arm64 and the amd64 manifest.
    const inner = await w.index([
      { ...arm, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ]);
    idx = await w.index([
      { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
      inner,
      {
        ...att,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
      },
    ]);
    await w.finish([tagged(idx, 'multi')]);
  });

  it('chooses by --platform through nested indexes', async () => {
    const a = await openImage(`oci:${dir}:multi`, { platform: 'linux/arm64' });
    expect(await a.manifestDigest()).toBe(arm.digest);
    expect(await a.platform()).toEqual({ os: 'linux', architecture: 'arm64' });
    expect((await a.index())?.index.manifests).toHaveLength(1);
    const b = await openImage(`oci:${dir}:multi`, { platform: { os: 'linux', architecture: 'amd64' } });
    expect(await b.manifestDigest()).toBe(amd.digest);
    expect((await b.index())?.digest).toBe(idx.digest);
  });

  it('lists the platforms an index holds, without attestations', async () => {
    const list = await listPlatforms(`oci:${dir}:multi`);
    expect(list.map((p) => [p.platform?.architecture, p.digest])).toEqual([
      ['amd64', amd.digest],
      ['arm64', arm.digest],
    ]);
  });

  it('PLATFORM_NOT_FOUND lists the platforms that exist', async () => {
    const image = await openImage(`oci:${dir}:multi`, { platform: 'linux/s390x' });
    const e = await failure(image.manifest());
    expect(e.code).toBe('PLATFORM_NOT_FOUND');
    expect(e.message).toContain('linux/s390x');
    expect(e.message).toContain('linux/amd64, linux/arm64/v8');
    expect(e.message).not.toContain('unknown');
    expect(e.message).toContain(dir);
  });
});

describe('oci: errors', () => {
  it('NOT_FOUND for a missing directory', async () => {
    const e = await failure(openImage(`oci:${work}/absent`));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain(`${work}/absent`);
  });

  it('NOT_FOUND for a missing layer blob names the blob and the layer', async () => {
    const w = await layout('missing-blob');
    const im = await writeTwoLayerImage(w, work);
    await w.finish([im.manifest]);
    const blob = join(w.dir, 'blobs/sha256', im.layers[1]!.digest.slice(7));
    await rm(blob);
    const layer = (await (await openImage(`oci:${w.dir}`)).layers())[1]!;
    const e = await failure(drain(layer.entries()));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain(blob);
    expect(e.message).toContain(im.layers[1]!.digest);
  });

  it('NOT_FOUND for an absent foreign layer says it is foreign', async () => {
    const w = await layout('foreign');
    const l = await makeLayer(work, BASE_FILES);
    const config = await w.blob(configJson([l.diffId]), 'application/vnd.oci.image.config.v1+json');
    const foreign = {
      mediaType: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
      digest: l.digest,
      size: l.size,
      urls: ['https://example.com/layer'],
    };
    await w.finish([await w.manifest(config, [foreign])]);
    const layer = (await (await openImage(`oci:${w.dir}`)).layers())[0]!;
    const e = await failure(drain(layer.compressed()));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('foreign layer');
    expect(e.message).toContain(l.digest);
    expect(e.message).toContain('https://example.com/layer');
  });

  it('NOT_AN_IMAGE for a directory without index.json', async () => {
    const dir = join(work, 'empty');
    await mkdir(dir);
    const e = await failure(openImage(`oci:${dir}`));
    expect(e.code).toBe('NOT_AN_IMAGE');
    expect(e.message).toContain(dir);
  });

  it('UNSUPPORTED_MEDIA_TYPE names the layer', async () => {
    const w = await layout('odd-type');
    const l = await makeLayer(work, BASE_FILES);
    const layerDesc = await w.blob(l.blob, 'application/vnd.example.thing');
    const config = await w.blob(configJson([l.diffId]), 'application/vnd.oci.image.config.v1+json');
    await w.finish([await w.manifest(config, [layerDesc])]);
    const layer = (await (await openImage(`oci:${w.dir}`)).layers())[0]!;
    const e = await failure(drain(layer.entries()));
    expect(e.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(e.message).toContain('application/vnd.example.thing');
    expect(e.message).toContain(l.digest);
  });

  /** damaged writes a one-layer image whose layer blob is `blob` (stored at `digest`). */
  async function damaged(
    name: string,
    make: (blob: Buffer) => Buffer,
    compression: 'gzip' | 'zstd' | 'none',
    opts: { keepDigest?: boolean; diffId?: string } = {},
  ): Promise<{ dir: string; digest: string }> {
    const w = await layout(name);
    const l = await makeLayer(
      work,
      { ...BASE_FILES, ...TOP_FILES, 'big.txt': 'x'.repeat(5000) },
      compression,
    );
    const bad = make(Buffer.from(l.blob));
    let desc: FixtureDescriptor;
    if (opts.keepDigest === true) {
      desc = await w.blob(l.blob, l.mediaType);
      await writeFile(join(w.dir, 'blobs/sha256', l.digest.slice(7)), bad);
    } else {
      desc = await w.blob(bad, l.mediaType);
    }
    const config = await w.blob(
      configJson([opts.diffId ?? l.diffId]),
      'application/vnd.oci.image.config.v1+json',
    );
    await w.finish([await w.manifest(config, [desc])]);
    return { dir: w.dir, digest: desc.digest };
  }

  async function layerError(dir: string): Promise<Awaited<ReturnType<typeof failure>>> {
    const layer = (await (await openImage(`oci:${dir}`)).layers())[0]!;
    return failure(drain(layer.entries()));
  }

  it('DIGEST_MISMATCH for a changed compressed blob names the blob and the layer', async () => {
    // gzip ignores the header's mtime: the layer still inflates to the right tar.
    const { dir, digest } = await damaged('digest', (b) => (b.writeUInt8(1, 4), b), 'gzip', {
      keepDigest: true,
    });
    const e = await layerError(dir);
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(e.message).toContain(digest);
    expect(e.message).toContain(join(dir, 'blobs/sha256', digest.slice(7)));
  });

  it('DIFF_ID_MISMATCH names the layer', async () => {
    const wrong = sha256(Buffer.from('another tar'));
    const { dir, digest } = await damaged('diffid', (b) => b, 'gzip', { diffId: wrong });
    const e = await layerError(dir);
    expect(e.code).toBe('DIFF_ID_MISMATCH');
    expect(e.message).toContain(wrong);
    expect(e.message).toContain(digest);
  });

  it('DIFF_ID_MISMATCH when the diff_id is the compressed digest', async () => {
    const w = await layout('diffid-is-digest');
    const l = await makeLayer(work, BASE_FILES, 'gzip');
    const c = await w.blob(configJson([l.digest]), 'application/vnd.oci.image.config.v1+json');
    await w.finish([await w.manifest(c, [await w.blob(l.blob, l.mediaType)])]);
    const e = await layerError(w.dir);
    expect(e.code).toBe('DIFF_ID_MISMATCH');
    expect(e.message).toContain(l.diffId);
  });

  it('TRUNCATED for a blob shorter than its descriptor', async () => {
    const { dir, digest } = await damaged('truncated', (b) => b.subarray(0, b.length - 700), 'none', {
      keepDigest: true,
    });
    const e = await layerError(dir);
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toContain(digest);
  });

  it('CORRUPT_GZIP names the layer', async () => {
    const { dir, digest } = await damaged('gzip', (b) => b.fill(0xff, 12, 40), 'gzip');
    const e = await layerError(dir);
    expect(e.code).toBe('CORRUPT_GZIP');
    expect(e.message).toContain(digest);
  });

  it('CORRUPT_ZSTD names the layer', async () => {
    const { dir, digest } = await damaged('zstd', (b) => b.fill(0xff, 20, 60), 'zstd');
    const e = await layerError(dir);
    expect(e.code).toBe('CORRUPT_ZSTD');
    expect(e.message).toContain(digest);
  });

  it('MALFORMED_JSON for index.json names the file', async () => {
    const w = await layout('bad-index');
    await w.finish([]);
    await writeFile(join(w.dir, 'index.json'), '{"schemaVersion": 2, "manifests": [');
    const e = await failure(openImage(`oci:${w.dir}`));
    expect(e.code).toBe('MALFORMED_JSON');
    expect(e.message).toContain(join(w.dir, 'index.json'));
  });

  it('MALFORMED_JSON for a manifest names the blob', async () => {
    const w = await layout('bad-manifest');
    const m = await w.blob(Buffer.from('{"schemaVersion": 2,'), 'application/vnd.oci.image.manifest.v1+json');
    await w.finish([m]);
    const e = await failure(openImage(`oci:${w.dir}`));
    expect(e.code).toBe('MALFORMED_JSON');
    expect(e.message).toContain(join(w.dir, 'blobs/sha256', m.digest.slice(7)));
  });

  it('MALFORMED_JSON for a config names the blob', async () => {
    const w = await layout('bad-config');
    const l = await makeLayer(work, BASE_FILES);
    const c = await w.blob(Buffer.from('{"rootfs": '), 'application/vnd.oci.image.config.v1+json');
    await w.finish([await w.manifest(c, [await w.blob(l.blob, l.mediaType)])]);
    const e = await failure((await openImage(`oci:${w.dir}`)).config());
    expect(e.code).toBe('MALFORMED_JSON');
    expect(e.message).toContain(join(w.dir, 'blobs/sha256', c.digest.slice(7)));
  });

  it('INVALID_MANIFEST when layers and diff_ids differ in number', async () => {
    const w = await layout('count');
    const l = await makeLayer(work, BASE_FILES);
    const c = await w.blob(configJson([l.diffId, l.diffId]), 'application/vnd.oci.image.config.v1+json');
    await w.finish([await w.manifest(c, [await w.blob(l.blob, l.mediaType)])]);
    const e = await failure((await openImage(`oci:${w.dir}`)).layers());
    expect(e.code).toBe('INVALID_MANIFEST');
    expect(e.message).toContain('1 layers');
    expect(e.message).toContain('2 diff_ids');
  });

  it('reads an index.json without mediaType', async () => {
    const w = await layout('plain');
    const im = await writeTwoLayerImage(w, work);
    await w.finish([im.manifest]);
    const raw = JSON.parse(await readFile(join(w.dir, 'index.json'), 'utf8')) as Record<string, unknown>;
    delete raw.mediaType;
    await writeFile(join(w.dir, 'index.json'), JSON.stringify(raw));
    expect(await (await openImage(`oci:${w.dir}`)).manifestDigest()).toBe(im.manifest.digest);
  });
});
