import { describe, expect, it } from 'vitest';
import { dir, file, stackEntries, whiteout } from '../../../test/filetree/entries.js';
import { diveScore } from './dive-score.js';
import { WASTE_FIXTURE as FIXTURE } from '../../../test/filetree/waste-fixture.js';

describe('diveScore', () => {
  it('matches dive’s formula worked out by hand', async () => {
    const s = await stackEntries(...FIXTURE);
    const d = diveScore(s.trie, s.tables);
    /*
     * Leaves per layer tree (dir nodes with children are not leaves; opaque markers are ignored):
     *   L0: a/x 100, a/y 50, b/z 30, c 10                     layer size 190
     *   L1: a/x 120, whiteout b → lower b is a dir: b + b/z = 30, c 10   size 130
     *   L2: a/w 5                                              size 5
     *   L3: whiteout a → dive's stack (no opaque) has a with a/x 120, a/y 50, a/w 5 = 175; size 0
     * per path (Σ, min): a/x (220, 100)  a/y (50, 50)  b/z (30, 30)  c (20, 10)  b (30, 30)
     *                    a/w (5, 5)  a (175, 175)
     * Σ min = 100+50+30+10+30+5+175 = 400;  Σ all = 220+50+30+20+30+5+175 = 530
     * efficiency = 400/530;  wasted = paths seen twice: a/x 220 + c 20 = 240
     * image size = 190+130+5+0 = 325; user size (without layer 0) = 135; user wasted = 240/135
     */
    expect(d.efficiency).toBeCloseTo(400 / 530, 12);
    expect(d.wastedBytes).toBe(240);
    expect(d.imageSizeBytes).toBe(325);
    expect(d.userSizeBytes).toBe(135);
    expect(d.userWastedRatio).toBeCloseTo(240 / 135, 12);
    expect(d.inefficiencies).toEqual([
      { path: 'a/x', count: 2, cumulativeSize: 220 },
      { path: 'c', count: 2, cumulativeSize: 20 },
    ]);
  });

  it('charges a whiteout of a file nothing and counts an identical re-add as waste', async () => {
    // L0 f 8; L1 whiteout f (a file: 0); L2 f 8 → f: Σ 16, min 0 → efficiency 0/16, wasted 16
    const s = await stackEntries([file('f', '12345678')], [whiteout('f')], [file('f', '12345678')]);
    const d = diveScore(s.trie, s.tables);
    expect([d.efficiency, d.wastedBytes, d.userSizeBytes, d.userWastedRatio]).toEqual([0, 16, 8, 2]);
  });

  it('follows dive in letting a parent-less layer blank a directory’s payload', async () => {
    // L1 names d/f without a d entry: dive's implicit d node (empty payload, not a dir) replaces
    // the lower d when stacking, so L2's whiteout of d costs 0 instead of 3 + 4
    const s = await stackEntries([dir('d'), file('d/e', 'eee')], [file('d/f', 'ffff')], [whiteout('d')]);
    const d = diveScore(s.trie, s.tables);
    // paths: d/e (3,3) d/f (4,4) d (0,0) → efficiency 7/7, no path twice
    expect([d.efficiency, d.wastedBytes, d.inefficientPaths]).toEqual([1, 0, 0]);
  });
});
