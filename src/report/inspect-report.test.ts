import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageConfig } from '../model/config.js';
import { digestOf, type Digest } from '../model/digest.js';
import type { Image, Layer } from '../model/image.js';
import type { Index } from '../model/manifest.js';
import { MediaTypes } from '../model/media-types.js';
import { buildInspectReport, type LayerProgress } from './inspect-report.js';

let dir: string;
const tars: Buffer[] = [];

/** A layer made by GNU tar from a directory with `n` files; the tool's listing is the oracle. */
async function gnuTar(name: string, n: number): Promise<Buffer> {
  const root = join(dir, name);
  await mkdir(join(root, 'd'), { recursive: true });
  for (let i = 0; i < n; i++) await writeFile(join(root, 'd', `f${i}`), 'x'.repeat(i * 100));
  return execFileSync('tar', ['-C', root, '-cf', '-', '.']);
}

function fakeLayer(tar: Buffer, index: number): Layer {
  const digest = digestOf(tar);
  return {
    index,
    digest,
    size: tar.length,
    mediaType: MediaTypes.ociLayer,
    descriptor: { mediaType: MediaTypes.ociLayer, digest, size: tar.length },
    diffId: () => Promise.resolve(digest),
    async *compressed() {
      yield tar;
    },
    async *uncompressed() {
      // odd chunk sizes, so the reader sees headers split across chunks
      for (let off = 0; off < tar.length; off += 777) yield tar.subarray(off, off + 777);
    },
    entries: () => {
      throw new Error('not used: inspect reads uncompressed() once');
    },
    items: () => {
      throw new Error('not used');
    },
  };
}

function fakeImage(config: Partial<ImageConfig>, index?: { index: Index; digest: Digest }): Image {
  const layers = tars.map(fakeLayer);
  const full: ImageConfig = {
    architecture: 'arm64',
    os: 'linux',
    variant: 'v8',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    history: [],
    raw: {},
    ...config,
  };
  const manifestDigest = digestOf('manifest');
  return {
    ref: () => ({ source: 'oci', location: '/x', display: 'oci:/x' }),
    manifestDigest: () => Promise.resolve(manifestDigest),
    manifest: () =>
      Promise.resolve({
        schemaVersion: 2,
        mediaType: MediaTypes.ociManifest,
        config: { mediaType: MediaTypes.ociConfig, digest: digestOf('c'), size: 1 },
        layers: layers.map((l) => l.descriptor),
      }),
    rawManifest: () => Promise.resolve(Buffer.from('')),
    config: () => Promise.resolve(full),
    rawConfig: () => Promise.resolve(Buffer.from('')),
    layers: () => Promise.resolve(layers),
    index: () => Promise.resolve(index),
    platform: () => Promise.resolve({ os: 'linux', architecture: 'arm64', variant: 'v8' }),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-report-'));
  tars.push(await gnuTar('a', 3), await gnuTar('b', 12), await gnuTar('c', 0));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildInspectReport', () => {
  it('counts entries and uncompressed bytes as GNU tar lists them, reporting progress', async () => {
    const events: LayerProgress[] = [];
    const r = await buildInspectReport(fakeImage({}), { onProgress: (p) => events.push(p) });
    r.layers.forEach((l, i) => {
      const listed = execFileSync('tar', ['-tf', '-'], { input: tars[i] }).toString().trim().split('\n');
      expect(l.entries).toBe(listed.length);
      expect(l.uncompressedSize).toBe(tars[i]!.length);
    });
    expect(r.platform).toBe('linux/arm64/v8');
    expect(events.filter((e) => e.phase === 'done').map((e) => e.done)).toEqual([1, 2, 3]);
    expect(r.totals.entries).toBe(r.layers.reduce((a, l) => a + l.entries, 0));
  });

  it('aligns history with layers; layers without history get nulls', async () => {
    const r = await buildInspectReport(
      fakeImage({
        history: [
          { created_by: 'ADD base' },
          { created_by: 'ENV A=1', empty_layer: true },
          { created_by: 'RUN x' },
        ],
      }),
    );
    expect(r.layers.map((l) => [l.createdBy, l.historyIndex])).toEqual([
      ['ADD base', 0],
      ['RUN x', 2],
      [null, null],
    ]);
    expect(r.history.map((h) => [h.emptyLayer, h.layerIndex])).toEqual([
      [false, 0],
      [true, null],
      [false, 1],
    ]);
  });

  it('describes the index and marks the chosen manifest', async () => {
    const chosen = digestOf('manifest');
    const other = digestOf('other');
    const index: Index = {
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [
        {
          mediaType: MediaTypes.ociManifest,
          digest: other,
          size: 10,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: MediaTypes.ociManifest,
          digest: chosen,
          size: 20,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
        { mediaType: MediaTypes.ociManifest, digest: digestOf('att'), size: 5 },
      ],
    };
    const r = await buildInspectReport(fakeImage({}, { index, digest: digestOf('index') }));
    expect(r.index?.platforms.map((p) => [p.platform, p.selected])).toEqual([
      ['linux/amd64', false],
      ['linux/arm64/v8', true],
      [null, false],
    ]);
  });
});
