/**
 * Image shapes through a real registry: a two-platform OCI index chosen by platform, the same index
 * as a Docker v2s2 manifest list (`skopeo copy --format v2s2 --all`), and zstd layers. The local
 * OCI layouts the fixtures were pushed from are the oracle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MediaTypes } from '../../src/model/media-types.js';
import { parsePlatform } from '../../src/model/platform.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openOciLayout } from '../../src/source/oci-layout/index.js';
import { openRegistry } from '../../src/source/registry/index.js';
import { getFixtures, type Fixtures } from '../fixtures/fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { summarize, summarizeLayout } from './image-summary.js';
import { skopeoCopy, startRegistry, type RegistryServer } from './registry-server.js';

describeWithTools('registry source: image shapes', ['docker-registry', 'skopeo', 'buildah'], () => {
  let fx: Fixtures;
  let reg: RegistryServer;
  let cacheDir: string;

  beforeAll(async () => {
    fx = await getFixtures();
    reg = await startRegistry();
    cacheDir = await mkdtemp(join(tmpdir(), 'stowage-reg-shapes-'));
  });
  afterAll(async () => {
    await reg.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('chooses each platform of a multi-arch OCI index', async () => {
    await skopeoCopy(`oci:${fx.multi.ociDir}:${fx.multi.tag}`, `docker://${reg.host}/multi:v1`, ['--all']);
    const root = await openRegistry(`${reg.host}/multi:v1`, { cacheDir });
    expect(root.document.kind).toBe('index');
    for (const p of fx.multi.platforms) {
      const platform = parsePlatform(p);
      const want = await summarize(
        blobImage(await openOciLayout({ path: fx.multi.ociDir, tag: fx.multi.tag }), { platform }),
      );
      const got = await summarize(blobImage(root, { platform }));
      expect(got).toEqual(want);
      expect(await blobImage(root, { platform }).platform()).toMatchObject(platform);
    }
  });

  it('reads a Docker v2s2 manifest list', async () => {
    await skopeoCopy(`oci:${fx.multi.ociDir}:${fx.multi.tag}`, `docker://${reg.host}/multi-v2s2:v1`, [
      '--all',
      '--format',
      'v2s2',
    ]);
    const root = await openRegistry(`${reg.host}/multi-v2s2:v1`, { cacheDir });
    expect(root.document.kind === 'index' && root.document.index.mediaType).toBe(
      MediaTypes.dockerManifestList,
    );
    for (const p of fx.multi.platforms) {
      const platform = parsePlatform(p);
      const want = await summarize(
        blobImage(await openOciLayout({ path: fx.multi.ociDir, tag: fx.multi.tag }), { platform }),
      );
      const image = blobImage(root, { platform });
      expect((await image.manifest()).mediaType).toBe(MediaTypes.dockerManifest);
      const got = await summarize(image);
      expect(got.diffIds).toEqual(want.diffIds);
      expect(got.layers).toEqual(want.layers);
    }
  });

  it('reads zstd layers', async () => {
    await skopeoCopy(`oci:${fx.app.zstdOciDir}:${fx.app.tag}`, `docker://${reg.host}/app-zstd:v1`);
    const image = blobImage(await openRegistry(`${reg.host}/app-zstd:v1`, { cacheDir }));
    const types = (await image.manifest()).layers.map((l) => l.mediaType);
    expect(types.every((t) => t === MediaTypes.ociLayerZstd)).toBe(true);
    const want = await summarizeLayout(fx.app.ociDir, fx.app.tag);
    const got = await summarize(image);
    expect(got.diffIds).toEqual(want.diffIds);
    expect(got.layers).toEqual(want.layers);
  });
});
