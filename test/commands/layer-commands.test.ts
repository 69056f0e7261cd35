/**
 * `stowage layers|tree|trace|waste|analyze --format json` on the sample image: each document
 * validates against its schema (which must also reject a broken one), and its numbers match an
 * independent reading — Python's tarfile for the layers' members and sizes, and (where skopeo and
 * umoci are installed) the rootfs `umoci unpack` writes for the final filesystem.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeDocument } from '../../src/report/analyze-report.js';
import type { LayersReport } from '../../src/report/layers-report.js';
import type { TraceDocument } from '../../src/report/trace-report.js';
import type { TreeDocument } from '../../src/report/tree-report.js';
import type { WasteDocument } from '../../src/report/waste-report.js';
import { run, writeSample } from '../cli/cli-harness.js';
import { walkRootfs } from '../filetree/rootfs.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { isWhiteout, readLayersWithPython, storedFileBytes, type OracleImageLayer } from './layer-oracle.js';
import { expectSchemaValid } from './schema-validate.js';

let dir: string;
let ref: string;
let tar: string;
let oracle: OracleImageLayer[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-cmds-'));
  tar = await writeSample(dir);
  ref = `docker-archive:${tar}`;
  oracle = readLayersWithPython(tar);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function json<T>(name: string, ...args: string[]): Promise<T> {
  const r = await run([name, '--format', 'json', ref, ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as T & { schema: string };
  await expectSchemaValid(name, doc);
  return doc;
}

describe('layers --format json', () => {
  it('counts each layer’s entries and stored bytes as Python reads them', async () => {
    const r = await json<LayersReport>('layers');
    expect(r.layers.map((l) => l.entries)).toEqual(oracle.map((l) => l.members.length));
    expect(r.layers.map((l) => l.fileBytes)).toEqual(oracle.map(storedFileBytes));
    expect(r.layers.map((l) => l.compressedSize)).toEqual(oracle.map((l) => l.blobSize));
    // every regular file a layer stores is either added or modified by it, once per path
    oracle.forEach((layer, i) => {
      const files = new Set(
        layer.members.filter((m) => m.type === 'file' && !isWhiteout(m.name)).map((m) => m.name),
      );
      const l = r.layers[i];
      expect(l?.largest.every((c) => c.size <= (l.largest[0]?.size ?? 0))).toBe(true);
      expect((l?.added.count ?? 0) + (l?.modified.count ?? 0)).toBeGreaterThanOrEqual(files.size);
    });
  });
});

describe('trace --format json', () => {
  it('lists exactly the layers whose tar holds the path, with their sizes', async () => {
    const path = 'app/data/model.bin';
    const r = await json<TraceDocument>('trace', `/${path}`);
    const expected = oracle.flatMap((l, i) =>
      l.members.filter((m) => m.name === path).map((m) => [i, m.size]),
    );
    expect(r.events.map((e) => [e.layer, e.size])).toEqual(expected);
    expect(r.events.map((e) => e.kind)).toEqual(['added', 'modified']);
    expect(r.final?.layer).toBe(expected.at(-1)?.[0]);
  });
  it('lists a deleted file’s whiteout as its deletion', async () => {
    const r = await json<TraceDocument>('trace', 'app/.env');
    const wh = oracle.findIndex((l) => l.members.some((m) => m.name === 'app/.wh..env'));
    expect(r.events.at(-1)).toMatchObject({ layer: wh, kind: 'deleted' });
    expect(r.final).toBeNull();
  });
});

describe('tree --format json', () => {
  it('shows one layer’s changes filtered by kind and glob', async () => {
    const wh = oracle.findIndex((l) => l.members.some((m) => m.name === 'app/.wh.tmp'));
    const r = await json<TreeDocument>(
      'tree',
      '--layer',
      String(wh),
      '--changes',
      'deleted',
      '--path',
      'app/**',
    );
    const selected = r.nodes.filter((n) => !n.context);
    const below = oracle
      .slice(0, wh)
      .flatMap((l) => l.members.filter((m) => m.name.startsWith('app/tmp')).map((m) => m.name));
    expect(selected.map((n) => n.path).sort()).toEqual([...new Set(['app/.env', ...below])].sort());
    expect(selected.every((n) => n.change === 'deleted')).toBe(true);
  });
  it('limits depth and sorts by size', async () => {
    const r = await json<TreeDocument>('tree', '--depth', '1', '--sort', 'size');
    expect(r.nodes.every((n) => n.depth === 1)).toBe(true);
    const sizes = r.nodes.map((n) => n.totalSize);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});

describe('waste and analyze --format json', () => {
  it('agree with each other and with dive’s label', async () => {
    const w = await json<WasteDocument>('waste');
    const a = await json<AnalyzeDocument>('analyze');
    expect(a.waste.totals).toEqual(w.totals);
    expect(w.totals.layerFileBytes).toBe(oracle.reduce((s, l) => s + storedFileBytes(l), 0));
    expect(w.byLayer.reduce((s, l) => s + l.wasted.bytes, 0)).toBe(w.totals.reclaimableBytes);
    expect(w.byLayer.reduce((s, l) => s + l.caused.bytes, 0)).toBe(w.totals.reclaimableBytes);
    expect(w.dive.note).toMatch(/dive/);
    const reasons = w.topPaths.flatMap((p) => p.versions.map((v) => v.reason));
    expect(new Set(reasons)).toEqual(new Set(['overwritten', 'metadata-only', 'deleted', 'hidden']));
  });
});

describeWithTools('commands against the rootfs umoci unpacks', ['skopeo', 'umoci'], () => {
  let rootfs: Awaited<ReturnType<typeof walkRootfs>>;
  beforeAll(async () => {
    const layout = join(dir, 'layout');
    await runText('skopeo', ['copy', '--quiet', `docker-archive:${tar}`, `oci:${layout}:s`]);
    await runText('umoci', ['unpack', '--image', `${layout}:s`, join(dir, 'bundle')]);
    rootfs = await walkRootfs(join(dir, 'bundle', 'rootfs'));
  });

  it('waste: reclaimable = Σ layers’ file bytes (tarfile) − rootfs bytes (umoci)', async () => {
    const w = await json<WasteDocument>('waste');
    const stored = oracle.reduce((s, l) => s + storedFileBytes(l), 0);
    expect(w.totals.finalFileBytes).toBe(rootfs.fileBytes);
    expect(w.totals.reclaimableBytes).toBe(stored - rootfs.fileBytes);
  });

  it('tree --merged: the same paths, types and sizes as the rootfs', async () => {
    const t = await json<TreeDocument>('tree', '--merged');
    const ours = t.nodes.map((n) => [
      n.path,
      n.type === 'hardlink' ? 'file' : n.type,
      n.type === 'dir' ? 0 : n.size,
    ]);
    const theirs = [...rootfs.nodes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([p, n]) => [p, n.type, n.type === 'dir' ? 0 : (n.size ?? 0)]);
    expect(ours.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))).toEqual(theirs);
  });
});
