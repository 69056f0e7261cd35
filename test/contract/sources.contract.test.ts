/**
 * The image-source contract: one suite, the same assertions, run against every source on images
 * built at test time by buildah (and shaped like Docker ≥ 25's `docker save`, and recompressed to
 * zstd by skopeo). skopeo and Python's tarfile are the oracle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignHistory, type HistoryEntry } from '../../src/model/config.js';
import type { Image, Layer } from '../../src/model/image.js';
import type { LayerEntry } from '../../src/model/layer-entry.js';
import { openImage } from '../../src/source/index.js';
import { APP_STEPS, type StepExpectation } from '../fixtures/app-image.js';
import { getFixtures, type Fixtures } from '../fixtures/fixtures.js';
import { MULTI_STEPS } from '../fixtures/multi-platform.js';
import { describeWithTools } from '../helpers/tools.js';
import {
  BlobFinder,
  listLayerBlob,
  normalisePath,
  sha256,
  skopeoConfig,
  skopeoIndex,
  skopeoManifest,
  unpackArchive,
  type OracleEntry,
} from './oracle.js';

type Transport = 'oci' | 'oci-archive' | 'docker-archive';

/** SourceCase is one row of the contract table: an image as one source reads it. */
interface SourceCase {
  name: string;
  transport: Transport;
  path: (fx: Fixtures) => string;
  /** the `:suffix` of the reference (tag, or repo:tag for docker archives) */
  suffix?: string;
  platform?: string;
  steps: StepExpectation[];
  /** cases with the same `build` come from one build and must agree on diff_ids and entries */
  build: 'app' | 'multi-amd64' | 'multi-arm64';
}

const CASES: SourceCase[] = [
  {
    name: 'buildah → oci',
    transport: 'oci',
    path: (f) => f.app.ociDir,
    suffix: 'v1',
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'buildah → oci-archive',
    transport: 'oci-archive',
    path: (f) => f.app.ociArchive,
    suffix: 'v1',
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'buildah → docker-archive',
    transport: 'docker-archive',
    path: (f) => f.app.dockerArchive,
    suffix: 'example/app:v1',
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'docker ≥ 25 save archive as docker-archive',
    transport: 'docker-archive',
    path: (f) => f.app.docker25Archive,
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'docker ≥ 25 save archive as oci-archive',
    transport: 'oci-archive',
    path: (f) => f.app.docker25Archive,
    suffix: 'v1',
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'skopeo zstd → oci',
    transport: 'oci',
    path: (f) => f.app.zstdOciDir,
    suffix: 'v1',
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'two-platform index, linux/amd64',
    transport: 'oci',
    path: (f) => f.multi.ociDir,
    suffix: 'v1',
    platform: 'linux/amd64',
    steps: MULTI_STEPS,
    build: 'multi-amd64',
  },
  {
    name: 'two-platform index, linux/arm64',
    transport: 'oci',
    path: (f) => f.multi.ociDir,
    suffix: 'v1',
    platform: 'linux/arm64',
    steps: MULTI_STEPS,
    build: 'multi-arm64',
  },
];

function referenceOf(c: SourceCase, fx: Fixtures): string {
  return `${c.transport}:${c.path(fx)}${c.suffix === undefined ? '' : `:${c.suffix}`}`;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function digestOfStream(chunks: AsyncIterable<Uint8Array>): Promise<{ digest: string; size: number }> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  const all = Buffer.concat(parts);
  return { digest: sha256(all), size: all.length };
}

/** comparable keeps the LayerEntry fields the oracle reports, in the oracle's shape. */
function comparable(e: LayerEntry): OracleEntry {
  const out: OracleEntry = {
    path: e.path,
    rawPath: normalisePath(e.rawPath),
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    mtime: e.mtime,
  };
  if (e.linkTarget !== undefined) out.linkTarget = e.linkTarget;
  if (e.whiteout !== undefined) out.whiteout = e.whiteout;
  return out;
}

/** historyFields keeps the history fields both sides model, dropping absent ones. */
function historyFields(h: HistoryEntry): HistoryEntry {
  const out: HistoryEntry = {};
  if (h.created !== undefined) out.created = h.created;
  if (h.created_by !== undefined) out.created_by = h.created_by;
  if (h.author !== undefined) out.author = h.author;
  if (h.comment !== undefined) out.comment = h.comment;
  if (h.empty_layer === true) out.empty_layer = true;
  return out;
}

interface RawManifest {
  mediaType?: string;
  config: { digest: string; size: number };
  layers: { mediaType: string; digest: string; size: number }[];
}

interface RawConfig {
  architecture: string;
  os: string;
  rootfs: { diff_ids: string[] };
  history?: HistoryEntry[];
}

/** Observed is what one case read through stowage, for the cross-source comparison. */
interface Observed {
  diffIds: string[];
  entries: LayerEntry[][];
}

describeWithTools('image source contract', ['buildah', 'skopeo', 'tar', 'python3', 'gzip', 'zstd'], () => {
  let fx: Fixtures;
  let scratch: string;
  const observed = new Map<string, Observed>();

  beforeAll(async () => {
    fx = await getFixtures();
    scratch = await mkdtemp(join(tmpdir(), 'stowage-contract-'));
  });
  afterAll(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  describe.each(CASES)('$name', (c) => {
    let ref: string;
    let image: Image;
    let layers: Layer[];
    let entries: LayerEntry[][];
    let oracleManifest: RawManifest;
    let oracleManifestRaw: Buffer;
    let oracleConfigRaw: Buffer;
    let oracleConfig: RawConfig;
    let blobs: BlobFinder;

    beforeAll(async () => {
      ref = referenceOf(c, fx);
      const caseDir = await mkdtemp(join(scratch, 'case-'));
      image = await openImage(ref, c.platform === undefined ? {} : { platform: c.platform });
      oracleManifestRaw = await skopeoManifest(ref, c.platform, caseDir);
      oracleManifest = JSON.parse(oracleManifestRaw.toString('utf8')) as RawManifest;
      oracleConfigRaw = await skopeoConfig(ref, c.platform);
      oracleConfig = JSON.parse(oracleConfigRaw.toString('utf8')) as RawConfig;
      const root =
        c.transport === 'oci' ? c.path(fx) : await unpackArchive(c.path(fx), join(caseDir, 'unpacked'));
      blobs = new BlobFinder(root);
      layers = await image.layers();
      entries = [];
      for (const layer of layers) entries.push(await collect(layer.entries()));
      observed.set(c.name, { diffIds: await Promise.all(layers.map((l) => l.diffId())), entries });
    });

    it('has the layer digests, sizes and config digest skopeo reports', async () => {
      const manifest = await image.manifest();
      expect(manifest.config.digest).toBe(oracleManifest.config.digest);
      expect(manifest.config.size).toBe(oracleManifest.config.size);
      expect(layers.map((l) => [l.digest, l.size])).toEqual(
        oracleManifest.layers.map((l) => [l.digest, l.size]),
      );
      expect(manifest.layers.map((l) => [l.digest, l.size])).toEqual(
        oracleManifest.layers.map((l) => [l.digest, l.size]),
      );
      if (c.transport === 'docker-archive') {
        // skopeo synthesises this manifest; layers in the archive are stored uncompressed.
        expect(layers.map((l) => l.digest)).toEqual(oracleConfig.rootfs.diff_ids);
      } else {
        expect(layers.map((l) => l.mediaType)).toEqual(oracleManifest.layers.map((l) => l.mediaType));
        expect(await image.manifestDigest()).toBe(sha256(oracleManifestRaw));
        expect(sha256(await image.rawManifest())).toBe(sha256(oracleManifestRaw));
      }
    });

    it('has the config, diff_ids and history skopeo reports', async () => {
      expect(sha256(await image.rawConfig())).toBe(sha256(oracleConfigRaw));
      const config = await image.config();
      expect(config.rootfs.diff_ids).toEqual(oracleConfig.rootfs.diff_ids);
      expect(await Promise.all(layers.map((l) => l.diffId()))).toEqual(oracleConfig.rootfs.diff_ids);
      expect(config.history.map(historyFields)).toEqual((oracleConfig.history ?? []).map(historyFields));
      expect([config.os, config.architecture]).toEqual([oracleConfig.os, oracleConfig.architecture]);
      if (c.platform !== undefined) {
        expect(`${config.os}/${config.architecture}`).toBe(c.platform);
        const platform = await image.platform();
        expect(`${platform.os}/${platform.architecture}`).toBe(c.platform);
        expect((await image.index())?.digest).toBe(sha256(await skopeoIndex(ref)));
      }
    });

    it('streams bytes that hash to each layer digest and diff_id', async () => {
      for (const [i, layer] of layers.entries()) {
        expect(await digestOfStream(layer.compressed())).toEqual({ digest: layer.digest, size: layer.size });
        expect((await digestOfStream(layer.uncompressed())).digest).toBe(oracleConfig.rootfs.diff_ids[i]);
      }
    });

    it("lists each layer's entries as Python's tarfile does", async () => {
      for (const [i, layer] of oracleManifest.layers.entries()) {
        const expected = await listLayerBlob(await blobs.path(layer.digest));
        expect(entries[i]?.map(comparable), `layer ${i} (${layer.digest})`).toEqual(expected);
      }
    });

    it('pairs each history step with the layer its instruction made', async () => {
      const steps = alignHistory(await image.config(), layers.length);
      expect(steps).toHaveLength(c.steps.length);
      for (const [i, want] of c.steps.entries()) {
        const step = steps[i]!;
        expect(step.entry.created_by, `history[${i}]`).toContain(want.match);
        if (want.empty === true) {
          expect(step.layerIndex, `history[${i}] is an empty layer`).toBeUndefined();
          continue;
        }
        expect(step.layerIndex, `history[${i}] has a layer`).toBeDefined();
        const layerEntries = entries[step.layerIndex!] ?? [];
        for (const path of want.holds ?? []) {
          expect(
            layerEntries.some((e) => e.path === path && e.whiteout === undefined),
            `layer of history[${i}] holds ${path}`,
          ).toBe(true);
        }
        if (want.whiteout !== undefined) {
          const wh = layerEntries.find((e) => e.whiteout !== undefined);
          expect(wh, `layer of history[${i}] deletes ${want.whiteout}`).toMatchObject({
            path: want.whiteout,
            whiteout: 'file',
          });
          expect(wh?.rawPath).toMatch(/(^|\/)\.wh\.[^/]+\/?$/);
          // the deleted path was a real entry in an earlier layer
          const earlier = entries.slice(0, step.layerIndex).flat();
          expect(earlier.some((e) => e.path === want.whiteout && e.whiteout === undefined)).toBe(true);
        }
      }
    });
  });

  describe('exports of one build agree', () => {
    const builds = [...new Set(CASES.map((c) => c.build))];
    it.each(builds)('%s: same diff_ids and entries from every source', (build) => {
      const names = CASES.filter((c) => c.build === build).map((c) => c.name);
      const [first, ...rest] = names.map((n) => {
        const o = observed.get(n);
        expect(o, `${n} was read`).toBeDefined();
        return o!;
      });
      for (const [i, other] of rest.entries()) {
        expect(other.diffIds, `${names[i + 1]} vs ${names[0]}`).toEqual(first!.diffIds);
        expect(other.entries, `${names[i + 1]} vs ${names[0]}`).toEqual(first!.entries);
      }
    });
  });
});
