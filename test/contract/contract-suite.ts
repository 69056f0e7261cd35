/**
 * The image-source contract's assertions, shared by every block of sources: what stowage reads
 * through a source must match what skopeo and Python's tarfile report for the same image, and
 * every source of one build must agree on diff_ids and entries. A block supplies its rows and how
 * to set up (and tear down) what they read from: fixture files, a registry, an engine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignHistory, type HistoryEntry } from '../../src/model/config.js';
import type { Image, Layer } from '../../src/model/image.js';
import type { LayerEntry } from '../../src/model/layer-entry.js';
import { openImage, type OpenOptions } from '../../src/source/index.js';
import type { StepExpectation } from '../fixtures/app-image.js';
import { describeWithTools } from '../helpers/tools.js';
import {
  BlobFinder,
  listLayerBlob,
  normalisePath,
  sha256,
  skopeoConfig,
  skopeoIndex,
  skopeoManifest,
  type OracleEntry,
  type OracleSource,
} from './oracle.js';

/** Target is one case's image as stowage opens it and as the oracle reads it. */
export interface Target {
  /** the reference stowage opens */
  ref: string;
  /** open options besides the platform (engine env, cache directory) */
  options?: OpenOptions;
  /** the same image as skopeo reads it */
  oracle: OracleSource;
  /** a directory whose files hold the image's blobs, for the tar oracle */
  blobRoot: string;
}

/** SourceCase is one row of the contract table: an image as one source reads it. */
export interface SourceCase<Env> {
  name: string;
  platform?: string;
  steps: StepExpectation[];
  /** cases with the same `build` come from one build and must agree on diff_ids and entries */
  build: 'app' | 'multi-amd64' | 'multi-arm64';
  /** a `docker save` export: skopeo synthesises its manifest and the layers are stored uncompressed */
  dockerSave?: boolean;
  /** target resolves the case in its block's environment; `caseDir` is a scratch directory */
  target(env: Env, caseDir: string): Promise<Target>;
}

/**
 * SetupSuite sets up a block's environment once, in `scratch`; it hands each thing it starts to
 * `defer` as soon as it is running, and the suite stops them afterwards (last first), even when a
 * later step of the setup failed.
 */
export type SetupSuite<Env> = (scratch: string, defer: (stop: () => Promise<void>) => void) => Promise<Env>;

/** Observed is what one case read through stowage, for the cross-source comparison. */
interface Observed {
  diffIds: string[];
  entries: LayerEntry[][];
}

/** observed holds every case read so far in this file, by build, so later blocks compare with earlier. */
const observed = new Map<string, Map<string, Observed>>();

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

/**
 * contractSuite registers, under describeWithTools(`name`, `tools`), the contract assertions for
 * each of `cases` in the environment `setup` makes, and a check that every case of a build read
 * so far in this file agrees.
 */
export function contractSuite<Env>(
  name: string,
  tools: string[],
  setup: SetupSuite<Env>,
  cases: SourceCase<Env>[],
): void {
  describeWithTools(name, tools, () => {
    let env: Env;
    let scratch: string | undefined;
    const stops: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'stowage-contract-'));
      env = await setup(scratch, (stop) => stops.push(stop));
    });
    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    });

    describe.each(cases)('$name', (c) => checkCase(c, () => ({ env, scratch: scratch! })));

    describe('exports of one build agree', () => {
      const builds = [...new Set(cases.map((c) => c.build))];
      it.each(builds)('%s: same diff_ids and entries from every source', (build) => {
        for (const c of cases.filter((k) => k.build === build)) {
          expect(observed.get(build)?.get(c.name), `${c.name} was read`).toBeDefined();
        }
        const [first, ...rest] = [...(observed.get(build) ?? new Map<string, Observed>()).entries()];
        for (const [other, o] of rest) {
          expect(o.diffIds, `${other} vs ${first![0]}`).toEqual(first![1].diffIds);
          expect(o.entries, `${other} vs ${first![0]}`).toEqual(first![1].entries);
        }
      });
    });
  });
}

/** checkCase registers the contract assertions for one case; `ctx` is valid once beforeAll ran. */
function checkCase<Env>(c: SourceCase<Env>, ctx: () => { env: Env; scratch: string }): void {
  let target: Target;
  let image: Image;
  let layers: Layer[];
  let entries: LayerEntry[][];
  let oracleManifest: RawManifest;
  let oracleManifestRaw: Buffer;
  let oracleConfigRaw: Buffer;
  let oracleConfig: RawConfig;
  let blobs: BlobFinder;

  beforeAll(async () => {
    const { env, scratch } = ctx();
    const caseDir = await mkdtemp(join(scratch, 'case-'));
    target = await c.target(env, caseDir);
    const options: OpenOptions = { ...target.options };
    if (c.platform !== undefined) options.platform = c.platform;
    image = await openImage(target.ref, options);
    oracleManifestRaw = await skopeoManifest(target.oracle, c.platform, caseDir);
    oracleManifest = JSON.parse(oracleManifestRaw.toString('utf8')) as RawManifest;
    oracleConfigRaw = await skopeoConfig(target.oracle, c.platform);
    oracleConfig = JSON.parse(oracleConfigRaw.toString('utf8')) as RawConfig;
    blobs = new BlobFinder(target.blobRoot);
    layers = await image.layers();
    entries = [];
    for (const layer of layers) entries.push(await collect(layer.entries()));
    const byName = observed.get(c.build) ?? new Map<string, Observed>();
    observed.set(c.build, byName);
    byName.set(c.name, { diffIds: await Promise.all(layers.map((l) => l.diffId())), entries });
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
    if (c.dockerSave === true) {
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
      expect((await image.index())?.digest).toBe(sha256(await skopeoIndex(target.oracle)));
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
}
