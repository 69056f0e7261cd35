/**
 * The explorer's data against the CLI, on the sample image: the model's layer list is exactly
 * `inspect --format json`; every layer's change view is exactly `tree --layer N` (rows, marks, sizes,
 * order by name and by size); the filesystem view of the last layer, without what that layer removed,
 * is exactly `tree --merged`; and the filesystem view of every layer equals the merged tree of the
 * image's layers up to it, stacked on their own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExploreModel } from '../../src/report/explore-model.js';
import type { ExploreModel } from '../../src/report/explore-types.js';
import type { InspectReport } from '../../src/report/inspect-types.js';
import type { TreeDocument } from '../../src/report/tree-report.js';
import { openImage } from '../../src/source/index.js';
import { readLayerTables } from '../../src/filetree/read-image.js';
import { stackLayers } from '../../src/filetree/stack-layers.js';
import { run, writeSample } from '../cli/cli-harness.js';
import { treeRows, viewRows } from './view-oracle.js';

let dir: string;
let ref: string;
let model: ExploreModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-explore-model-'));
  ref = `docker-archive:${await writeSample(dir)}`;
  model = await loadExploreModel(await openImage(ref), { files: false, audit: 'inline' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli<T>(...args: string[]): Promise<T> {
  const r = await run([...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('explore model on the sample image', () => {
  it('holds the layer list exactly as inspect prints it', async () => {
    expect(model.inspect).toEqual(await cli<InspectReport>('inspect', ref));
    expect(model.layerStart).toHaveLength(model.inspect.layers.length + 1);
  });

  it('shows each layer’s changes exactly as tree --layer N, sorted by name and by size', async () => {
    for (let layer = 0; layer < model.inspect.layers.length; layer++) {
      for (const sort of ['name', 'size'] as const) {
        const doc = await cli<TreeDocument>('tree', ref, '--layer', String(layer), '--sort', sort);
        expect(doc.nodes.length).toBeGreaterThan(0);
        expect(viewRows(model, layer, 'changes', sort)).toEqual(treeRows(doc));
      }
    }
  });

  it('shows the filesystem up to the last layer exactly as tree --merged', async () => {
    const last = model.inspect.layers.length - 1;
    const merged = treeRows(await cli<TreeDocument>('tree', ref, '--merged', '--sort', 'size'));
    const rows = viewRows(model, last, 'fs', 'size', ['removed']);
    expect(rows.map((r) => [r.path, r.size])).toEqual(merged.map((r) => [r.path, r.size]));
    // the last layer's own changes are marked in that view; what it removed is shown, marked, when asked
    expect(rows.filter((r) => r.change !== '').length).toBeGreaterThan(0);
    const withRemoved = viewRows(model, last, 'fs', 'name');
    expect(withRemoved.length).toBeGreaterThanOrEqual(rows.length);
  });

  it('shows the filesystem up to each layer as the merged tree of the image cut after it', async () => {
    for (let layer = 0; layer < model.inspect.layers.length; layer++) {
      const { trie, tables } = await readLayerTables(await openImage(ref));
      const cut = stackLayers(trie, tables.slice(0, layer + 1));
      const expected = [...cut.tree.walk()].map((n) => n.path);
      const shown = viewRows(model, layer, 'fs', 'name', ['removed']).map((r) => r.path);
      expect(shown).toEqual(expected);
    }
  });
});
