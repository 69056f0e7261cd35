/** Tests for the docker-archive: source in all docker save shapes, checked against skopeo. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithTools } from '../../../test/helpers/tools.js';
import {
  BASE_FILES,
  configJson,
  drain,
  expectLayers,
  failure,
  makeLayer,
  removeDir,
  runTool,
  sha256,
  tarDir,
  tempDir,
  TOP_FILES,
  writeDockerSave,
  type DockerShape,
  type FixtureLayer,
} from '../../../test/helpers/layout-fixtures.js';
import { openImage } from '../index.js';

let work: string;
let plain: FixtureLayer[];
let configBytes: Buffer;
const archives: Partial<Record<DockerShape, string>> = {};

beforeAll(async () => {
  work = await tempDir();
  plain = [await makeLayer(work, BASE_FILES, 'none'), await makeLayer(work, TOP_FILES, 'none')];
  configBytes = configJson(plain.map((l) => l.diffId));
  for (const shape of ['legacy', 'skopeo', 'docker25', 'symlinked'] as const) {
    const dir = join(work, shape);
    await mkdir(dir);
    await writeDockerSave(dir, shape, [{ repoTags: ['app:1.0'], layers: plain, configBytes }]);
    archives[shape] = join(work, `${shape}.tar`);
    tarDir(dir, archives[shape]);
  }
});
afterAll(async () => {
  await removeDir(work);
});

describe('docker-archive: the three docker save shapes', () => {
  for (const shape of ['legacy', 'skopeo', 'docker25', 'symlinked'] as const) {
    it(`reads the ${shape} shape`, async () => {
      const file = archives[shape]!;
      for (const ref of [`docker-archive:${file}`, `docker-archive:${file}:app:1.0`, file]) {
        const image = await openImage(ref);
        const m = await image.manifest();
        expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
        expect(m.config.digest).toBe(sha256(configBytes));
        expect(m.config.size).toBe(configBytes.length);
        // Uncompressed layer files: digest = diff_id, size = file size.
        expect(m.layers.map((l) => [l.digest, l.size])).toEqual(plain.map((l) => [l.diffId, l.tar.length]));
        expect(await image.manifestDigest()).toBe(sha256(Buffer.from(await image.rawManifest())));
        expect(Buffer.from(await image.rawConfig()).equals(configBytes)).toBe(true);
        await expectLayers(image, plain, false);
      }
    });
  }

  it('synthesizes the same manifest bytes for every shape', async () => {
    const raws = await Promise.all(
      Object.values(archives).map(async (f) =>
        Buffer.from(await (await openImage(`docker-archive:${f}`)).rawManifest()),
      ),
    );
    for (const raw of raws) expect(raw.equals(raws[0]!)).toBe(true);
  });

  it('hashes a compressed layer file for its digest', async () => {
    const layers = [await makeLayer(work, BASE_FILES, 'gzip'), await makeLayer(work, TOP_FILES, 'zstd')];
    const dir = join(work, 'compressed');
    await mkdir(dir);
    const config = configJson(layers.map((l) => l.diffId));
    await writeDockerSave(dir, 'legacy', [{ repoTags: ['app:gz'], layers, configBytes: config }]);
    const file = join(work, 'compressed.tar');
    tarDir(dir, file);
    const image = await openImage(`docker-archive:${file}`);
    expect((await image.manifest()).layers.map((l) => l.mediaType)).toEqual([
      'application/vnd.docker.image.rootfs.diff.tar.gzip',
      'application/vnd.oci.image.layer.v1.tar+zstd',
    ]);
    await expectLayers(image, layers);
  });
});

describe('docker-archive: several images', () => {
  let multi: string;

  beforeAll(async () => {
    const other = [await makeLayer(work, { 'only/': '', 'only/file': 'x\n' }, 'none')];
    const dir = join(work, 'multi');
    await mkdir(dir);
    await writeDockerSave(dir, 'legacy', [
      { repoTags: ['app:1.0', 'app:latest'], layers: plain, configBytes },
      {
        repoTags: ['docker.io/library/busybox:1.36'],
        layers: other,
        configBytes: configJson([other[0]!.diffId]),
      },
    ]);
    multi = join(work, 'multi.tar');
    tarDir(dir, multi);
  });

  it('picks by repo:tag, normalised name, bare tag and @N', async () => {
    const configOf = async (ref: string) => (await (await openImage(ref)).manifest()).config.digest;
    const appConfig = sha256(configBytes);
    expect(await configOf(`docker-archive:${multi}:app:latest`)).toBe(appConfig);
    expect(await configOf(`docker-archive:${multi}:app`)).toBe(appConfig);
    expect(await configOf(`docker-archive:${multi}:1.0`)).toBe(appConfig);
    expect(await configOf(`docker-archive:${multi}:@0`)).toBe(appConfig);
    expect(await configOf(`docker-archive:${multi}:busybox:1.36`)).not.toBe(appConfig);
    expect(await configOf(`docker-archive:${multi}:@1`)).toBe(
      await configOf(`docker-archive:${multi}:busybox:1.36`),
    );
  });

  it('TAG_NOT_FOUND lists the RepoTags and names the file', async () => {
    for (const ref of [
      `docker-archive:${multi}`,
      `docker-archive:${multi}:nginx:1`,
      `docker-archive:${multi}:@2`,
    ]) {
      const e = await failure(openImage(ref));
      expect(e.code).toBe('TAG_NOT_FOUND');
      expect(e.message).toContain(multi);
      expect(e.message).toContain('app:1.0, app:latest; docker.io/library/busybox:1.36');
    }
  });
});

describe('docker-archive: errors', () => {
  it('NOT_AN_IMAGE without manifest.json, pointing an OCI archive to oci-archive:', async () => {
    const dir = join(work, 'no-manifest');
    await mkdir(dir);
    await writeDockerSave(dir, 'docker25', [{ repoTags: [], layers: plain, configBytes }]);
    await rm(join(dir, 'manifest.json'));
    const file = join(work, 'no-manifest.tar');
    tarDir(dir, file);
    const e = await failure(openImage(`docker-archive:${file}`));
    expect(e.code).toBe('NOT_AN_IMAGE');
    expect(e.message).toContain(file);
    expect(e.message).toContain('oci-archive:');
  });

  it('NOT_FOUND for a layer file missing from the archive', async () => {
    const dir = join(work, 'missing-layer');
    await mkdir(dir);
    await writeDockerSave(dir, 'symlinked', [{ repoTags: ['a:b'], layers: plain, configBytes }]);
    await rm(join(dir, `${plain[1]!.diffId.slice(7)}.tar`));
    const file = join(work, 'missing-layer.tar');
    tarDir(dir, file);
    const e = await failure(openImage(`docker-archive:${file}`));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain(file);
    expect(e.message).toContain('layer.tar');
  });

  it('serves a foreign layer left out of the archive as a clear NOT_FOUND', async () => {
    const dir = join(work, 'foreign');
    await mkdir(dir);
    await writeDockerSave(dir, 'skopeo', [{ repoTags: ['a:b'], layers: plain, configBytes }]);
    const top = plain[1]!;
    await rm(join(dir, `${top.diffId.slice(7)}.tar`));
    const entries = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    const foreign = {
      mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
      digest: top.digest,
      size: top.size,
      urls: ['https://example.com/base-layer'],
    };
    entries[0]!.LayerSources = { [top.diffId]: foreign };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(entries));
    const file = join(work, 'foreign.tar');
    tarDir(dir, file);
    const image = await openImage(`docker-archive:${file}`);
    expect((await image.manifest()).layers[1]).toEqual(foreign);
    const e = await failure(drain((await image.layers())[1]!.entries()));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('foreign layer');
    expect(e.message).toContain('https://example.com/base-layer');
    expect(e.message).toContain(file);
  });

  it('MALFORMED_JSON for manifest.json names it', async () => {
    const dir = join(work, 'bad-json');
    await mkdir(dir);
    await writeFile(join(dir, 'manifest.json'), '[{"Config": ');
    const file = join(work, 'bad-json.tar');
    tarDir(dir, file);
    const e = await failure(openImage(`docker-archive:${file}`));
    expect(e.code).toBe('MALFORMED_JSON');
    expect(e.message).toContain(`${file} member manifest.json`);
  });

  it('DIGEST_MISMATCH for a layer file whose bytes differ from its diff_id', async () => {
    const dir = join(work, 'changed');
    await mkdir(dir);
    const wrong = configJson([plain[0]!.diffId, sha256(Buffer.from('x'))]);
    await writeDockerSave(dir, 'legacy', [{ repoTags: ['a:b'], layers: plain, configBytes: wrong }]);
    const file = join(work, 'changed.tar');
    tarDir(dir, file);
    const layer = (await (await openImage(`docker-archive:${file}`)).layers())[1]!;
    const e = await failure(drain(layer.entries()));
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(e.message).toContain(`${file} member`);
    expect(e.message).toContain('layer 1');
  });
});

describeWithTools('docker-archive: agrees with skopeo', ['skopeo'], () => {
  // Not 'symlinked': skopeo 1.9 reports size 0 for a layer named through a symlink.
  for (const shape of ['legacy', 'skopeo', 'docker25'] as const) {
    it(`synthesizes skopeo's manifest for the ${shape} shape`, async () => {
      const file = archives[shape]!;
      const image = await openImage(`docker-archive:${file}`);
      const raw = runTool('skopeo', ['inspect', '--raw', `docker-archive:${file}`]);
      expect(Buffer.from(await image.rawManifest()).toString('utf8')).toBe(raw.toString('utf8'));
      const config = runTool('skopeo', ['inspect', '--config', '--raw', `docker-archive:${file}`]);
      expect(Buffer.from(await image.rawConfig()).equals(config)).toBe(true);
    });
  }
});
