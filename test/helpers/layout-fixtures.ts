/**
 * Small image fixtures for the local sources' unit tests: layers made by GNU tar (and gzip/zstd),
 * digests by sha256sum, documents as hand-written JSON, laid out as an OCI layout, an OCI archive
 * or a `docker save` archive in one of its three shapes.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import type { Image, Layer } from '../../src/model/image.js';
import { collect } from './byte-streams.js';

/** LayerCompression is how a fixture layer blob is encoded. */
export type LayerCompression = 'none' | 'gzip' | 'zstd';

/** FixtureLayer is a layer blob with what the tools say about it. */
export interface FixtureLayer {
  blob: Buffer;
  tar: Buffer;
  digest: string;
  diffId: string;
  size: number;
  mediaType: string;
  /** entry paths as `tar -tf` lists them, normalised (no `./`, no trailing `/`, `.` for the root) */
  paths: string[];
}

/** FixtureDescriptor is a plain JSON descriptor. */
export interface FixtureDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

const MEDIA: Record<LayerCompression, string> = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};

/** tempDir makes a fresh temporary directory; remove it with removeDir. */
export function tempDir(prefix = 'stowage-src-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** removeDir deletes a fixture directory. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** sha256 runs sha256sum over bytes. */
export function sha256(data: Buffer): string {
  const out = execFileSync('sha256sum', ['-b', '-'], { input: data }).toString('utf8');
  return `sha256:${out.slice(0, 64)}`;
}

/** runTool runs a command and returns its stdout. */
export function runTool(cmd: string, args: string[], input?: Buffer): Buffer {
  return execFileSync(cmd, args, { input, maxBuffer: 64 << 20 });
}

/** makeLayer writes `files` (name → content; a name ending in `/` is a directory) and tars them. */
export async function makeLayer(
  work: string,
  files: Record<string, string>,
  compression: LayerCompression = 'gzip',
): Promise<FixtureLayer> {
  const dir = await mkdtemp(join(work, 'layer-'));
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    if (name.endsWith('/')) {
      await mkdir(p, { recursive: true });
    } else {
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, content);
    }
  }
  const tar = tarDir(dir, '-', ['--mtime=@1700000000']);
  await removeDir(dir);
  const blob =
    compression === 'gzip'
      ? runTool('gzip', ['-n', '-c'], tar)
      : compression === 'zstd'
        ? runTool('zstd', ['-q', '-c'], tar)
        : tar;
  const paths = runTool('tar', ['-tf', '-'], tar)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^\.\//, '').replace(/\/$/, '') || '.');
  return {
    blob,
    tar,
    digest: sha256(blob),
    diffId: sha256(tar),
    size: blob.length,
    mediaType: MEDIA[compression],
    paths,
  };
}

/** configJson writes an image config for the given diff_ids. */
export function configJson(diffIds: string[], platform = { os: 'linux', architecture: 'amd64' }): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map((_, i) => ({ created_by: `step ${i}` })),
    }),
  );
}

/** LayoutWriter writes blobs and documents into an OCI layout directory. */
export class LayoutWriter {
  constructor(readonly dir: string) {}

  /** blob stores bytes under blobs/sha256 and returns a descriptor. */
  async blob(data: Buffer, mediaType: string): Promise<FixtureDescriptor> {
    const digest = sha256(data);
    await mkdir(join(this.dir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(this.dir, 'blobs', 'sha256', digest.slice(7)), data);
    return { mediaType, digest, size: data.length };
  }

  /** json stores a JSON document as a blob. */
  json(doc: unknown, mediaType: string): Promise<FixtureDescriptor> {
    return this.blob(Buffer.from(JSON.stringify(doc)), mediaType);
  }

  /** manifest stores an OCI manifest over a config and layers already stored. */
  manifest(config: FixtureDescriptor, layers: FixtureDescriptor[]): Promise<FixtureDescriptor> {
    return this.json(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config,
        layers,
      },
      'application/vnd.oci.image.manifest.v1+json',
    );
  }

  /** index stores an OCI index listing `manifests`. */
  index(manifests: FixtureDescriptor[]): Promise<FixtureDescriptor> {
    return this.json(
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests },
      'application/vnd.oci.image.index.v1+json',
    );
  }

  /** finish writes oci-layout and index.json listing `entries`. */
  async finish(entries: FixtureDescriptor[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(
      join(this.dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: entries,
      }),
    );
  }
}

/** tagged returns a descriptor annotated with an OCI ref name. */
export function tagged(d: FixtureDescriptor, tag: string): FixtureDescriptor {
  return { ...d, annotations: { 'org.opencontainers.image.ref.name': tag } };
}

/** TwoLayerImage is what a two-layer fixture image should read as. */
export interface TwoLayerImage {
  manifest: FixtureDescriptor;
  config: FixtureDescriptor;
  configBytes: Buffer;
  layers: FixtureLayer[];
}

/** BASE_FILES and TOP_FILES are the two fixture layers' contents. */
export const BASE_FILES = {
  'etc/': '',
  'etc/os-release': 'ID=fixture\n',
  'bin/': '',
  'bin/tool': '#!/bin/sh\n',
};
export const TOP_FILES = { 'app/': '', 'app/main.txt': 'hello\n', 'etc/': '', 'etc/.wh.os-release': '' };

/** writeTwoLayerImage stores a two-layer image (blobs only) in a layout. */
export async function writeTwoLayerImage(
  w: LayoutWriter,
  work: string,
  compression: [LayerCompression, LayerCompression] = ['gzip', 'zstd'],
  platform = { os: 'linux', architecture: 'amd64' },
): Promise<TwoLayerImage> {
  const layers = [
    await makeLayer(work, BASE_FILES, compression[0]),
    await makeLayer(work, TOP_FILES, compression[1]),
  ];
  const layerDescs = await Promise.all(layers.map((l) => w.blob(l.blob, l.mediaType)));
  const configBytes = configJson(
    layers.map((l) => l.diffId),
    platform,
  );
  const config = await w.blob(configBytes, 'application/vnd.oci.image.config.v1+json');
  const manifest = await w.manifest(config, layerDescs);
  return { manifest, config, configBytes, layers };
}

/**
 * tarDir tars a directory's contents (`.`-relative names, like skopeo and docker write) into `out`;
 * with `out` `-` the archive is returned.
 */
export function tarDir(dir: string, out: string, extra: string[] = []): Buffer {
  return runTool('tar', [
    '-C',
    dir,
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    ...extra,
    '-cf',
    out,
    '.',
  ]);
}

/**
 * DockerShape is one of the layouts `docker save` has used; `symlinked` is the skopeo shape with
 * manifest.json naming the `<id>/layer.tar` symlinks instead of the files they point to.
 */
export type DockerShape = 'legacy' | 'skopeo' | 'docker25' | 'symlinked';

/**
 * writeDockerSave writes a `docker save` directory (tar it with tarDir) holding the images given,
 * each as [repoTags, layers, configBytes], in one of the three shapes.
 */
export async function writeDockerSave(
  dir: string,
  shape: DockerShape,
  images: { repoTags: string[]; layers: FixtureLayer[]; configBytes: Buffer }[],
): Promise<void> {
  const entries = [];
  for (const im of images) {
    const configHex = sha256(im.configBytes).slice(7);
    let configName = `${configHex}.json`;
    const layerNames: string[] = [];
    if (shape === 'docker25') {
      const w = new LayoutWriter(dir);
      configName = `blobs/sha256/${configHex}`;
      await w.blob(im.configBytes, 'application/vnd.oci.image.config.v1+json');
      for (const l of im.layers)
        layerNames.push(`blobs/sha256/${(await w.blob(l.blob, l.mediaType)).digest.slice(7)}`);
      await w.finish([]);
    } else {
      for (const [i, l] of im.layers.entries()) {
        const id = sha256(Buffer.from(`${configHex}/${i}`)).slice(7);
        await mkdir(join(dir, id), { recursive: true });
        await writeFile(join(dir, id, 'VERSION'), '1.0');
        await writeFile(join(dir, id, 'json'), JSON.stringify({ id }));
        if (shape === 'legacy') {
          await writeFile(join(dir, id, 'layer.tar'), l.blob);
        } else {
          const top = `${l.diffId.slice(7)}.tar`;
          await writeFile(join(dir, top), l.blob);
          await symlink(`../${top}`, join(dir, id, 'layer.tar'));
        }
        layerNames.push(shape === 'skopeo' ? `${l.diffId.slice(7)}.tar` : `${id}/layer.tar`);
      }
    }
    await writeFile(join(dir, configName), im.configBytes);
    entries.push({ Config: configName, RepoTags: im.repoTags, Layers: layerNames });
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(entries));
}

/** entryPaths lists a layer's entries as stored, normalised like FixtureLayer.paths. */
export async function entryPaths(layer: Layer): Promise<string[]> {
  const out: string[] = [];
  for await (const e of layer.entries()) out.push(e.rawPath.replace(/^\.\//, '').replace(/\/$/, '') || '.');
  return out;
}

/**
 * expectLayers checks an image's config and layers against fixture layers: diff_ids, entries, and
 * the bytes of the uncompressed stream; with `digests`, the layer digests, sizes and stored bytes too.
 */
export async function expectLayers(image: Image, layers: FixtureLayer[], digests = true): Promise<void> {
  const config = await image.config();
  expect(config.rootfs.diff_ids).toEqual(layers.map((l) => l.diffId));
  const got = await image.layers();
  expect(got).toHaveLength(layers.length);
  for (const [i, l] of layers.entries()) {
    const layer = got[i]!;
    expect(layer.index).toBe(i);
    expect(await layer.diffId()).toBe(l.diffId);
    if (digests) {
      expect(layer.digest).toBe(l.digest);
      expect(layer.size).toBe(l.size);
      expect((await collect(layer.compressed())).equals(l.blob)).toBe(true);
    }
    expect((await collect(layer.uncompressed())).equals(l.tar)).toBe(true);
    expect(await entryPaths(layer)).toEqual(l.paths);
  }
}

/** failure awaits `work` and returns the StowageError it throws (failing the test if it does not). */
export async function failure(work: Promise<unknown> | (() => Promise<unknown>)): Promise<StowageError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (e) {
    expect(e).toBeInstanceOf(StowageError);
    return e as StowageError;
  }
  throw new Error('expected a StowageError, got success');
}

/** drain reads a stream to its end, discarding it. */
export async function drain(source: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of source) void _;
}
