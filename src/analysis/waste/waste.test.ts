import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../model/layer-entry.js';
import {
  dir,
  file,
  hardlink,
  opaque,
  stackEntries,
  symlink,
  whiteout,
} from '../../../test/filetree/entries.js';
import { naiveFinalBytes, naiveStack } from '../../../test/filetree/naive-stack.js';
import { bytes, WASTE_FIXTURE as FIXTURE } from '../../../test/filetree/waste-fixture.js';
import { findDuplicates } from './duplicates.js';
import { computeWaste } from './exact-waste.js';

function fileBytes(layers: LayerEntry[][]): number {
  return layers
    .flat()
    .reduce((sum, e) => sum + (e.type === 'file' && e.whiteout === undefined ? e.size : 0), 0);
}

describe('computeWaste', () => {
  it('accounts every removed version with its reason and killer', async () => {
    const w = computeWaste(await stackEntries(...FIXTURE));
    // stored: 190 + 130 + 5 = 325; visible at the end: only c (10) → 315 wasted
    expect(w.layerFileBytes).toBe(325);
    expect(w.finalFileBytes).toBe(10);
    expect(w.totalBytes).toBe(315);
    expect(w.byLayer.map((t) => t.bytes)).toEqual([190, 120, 5, 0]);
    // layer 1 overwrote a/x (100), deleted b/z (30), re-copied c for a chmod (10); layer 2's opaque
    // a hid a/y (50) and a/x (120); layer 3 deleted a/w (5)
    expect(w.byKiller.map((t) => t.bytes)).toEqual([0, 140, 170, 5]);
    expect(w.byReason).toEqual({
      overwritten: { bytes: 100, files: 1 },
      'metadata-only': { bytes: 10, files: 1 },
      deleted: { bytes: 35, files: 2 },
      hidden: { bytes: 170, files: 2 },
    });
    expect(w.topPaths.map((p) => [p.path, p.bytes])).toEqual([
      ['a/x', 220],
      ['a/y', 50],
      ['b/z', 30],
      ['c', 10],
      ['a/w', 5],
    ]);
    expect(w.topPaths[0]?.versions.map((v) => [v.layer, v.killedBy, v.reason])).toEqual([
      [0, 1, 'overwritten'],
      [1, 2, 'hidden'],
    ]);
  });

  it('does not count hard-linked content twice, nor as waste while a link shows it', async () => {
    const layers = [[file('f', bytes(40)), hardlink('g', 'f')], [whiteout('f')]];
    const w = computeWaste(await stackEntries(...layers));
    expect([w.layerFileBytes, w.finalFileBytes, w.totalBytes]).toEqual([40, 40, 0]);
  });

  const PATHS = ['a', 'a/b', 'a/b/c', 'a/d', 'e', 'e/f'];
  const CONTENTS = ['', 'p', 'qq', 'rrrr'];
  const entryArb: fc.Arbitrary<LayerEntry> = fc.oneof(
    fc
      .tuple(fc.constantFrom(...PATHS), fc.constantFrom(...CONTENTS), fc.constantFrom(0o644, 0o755))
      .map(([p, c, m]) => file(p, c, { mode: m })),
    fc.constantFrom(...PATHS).map((p) => dir(p)),
    fc.constantFrom(...PATHS).map((p) => whiteout(p)),
    fc.constantFrom(...PATHS).map((p) => opaque(p)),
    fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom(...PATHS)).map(([p, t]) => hardlink(p, t)),
    fc.constantFrom(...PATHS).map((p) => symlink(p, 'elsewhere')),
  );
  const layersArb = fc.array(fc.array(entryArb, { maxLength: 7 }), { minLength: 1, maxLength: 4 });

  it('equals Σ all layers’ file bytes − Σ final-tree file bytes (naive reference stacker)', async () => {
    await fc.assert(
      fc.asyncProperty(layersArb, async (layers) => {
        const stack = await stackEntries(...layers);
        const w = computeWaste(stack);
        const naive = naiveStack(layers);
        expect(w.layerFileBytes).toBe(fileBytes(layers));
        expect(w.totalBytes).toBe(fileBytes(layers) - naiveFinalBytes(naive));
        const ours = [...stack.tree.walk()].map((n) => [n.path, n.size, n.layer]);
        const theirs = [...naive.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([p, n]) => [p, n.size, n.layer]);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 400 },
    );
  });
});

describe('findDuplicates', () => {
  it('groups identical content at different paths and across layers, hard links as one copy', async () => {
    const stack = await stackEntries(
      [
        file('lib/a.so', bytes(64)),
        file('lib/b.so', bytes(64)),
        hardlink('lib/c.so', 'lib/a.so'),
        file('empty1', ''),
      ],
      [file('opt/a.so', bytes(64)), file('empty2', ''), file('x', 'unique')],
    );
    const d = findDuplicates(stack.tree);
    expect(d.groupCount).toBe(1);
    expect(d.groups[0]).toMatchObject({
      size: 64,
      copies: 3,
      layers: [0, 1],
      reclaimableBytes: 128,
      paths: [
        { path: 'lib/a.so', layer: 0 },
        { path: 'lib/b.so', layer: 0 },
        { path: 'lib/c.so', layer: 0 },
        { path: 'opt/a.so', layer: 1 },
      ],
    });
    expect([d.reclaimableBytes, d.crossLayerGroups]).toEqual([128, 1]);
  });
});
