import { describe, expect, it } from 'vitest';
import { dir, file, hardlink, stackEntries, whiteout } from '../../test/filetree/entries.js';
import { versionRef } from '../filetree/version-ref.js';
import { keepRule, type KeepOptions } from './keep-rules.js';
import { planRewrite, type LayerPlan } from './rewrite-plan.js';
import type { LayerEntry } from '../model/layer-entry.js';

async function plan(opts: KeepOptions, ...layers: LayerEntry[][]): Promise<LayerPlan[]> {
  const stack = await stackEntries(...layers);
  return planRewrite(stack, keepRule(stack, opts));
}

const kept = (p: LayerPlan | undefined) => [...(p?.keep ?? [])];

describe('planRewrite', () => {
  it('drop-waste drops overwritten and deleted versions and the hard links that showed them', async () => {
    const p = await plan(
      { dropWaste: true },
      [dir('d'), file('d/a', 'one'), hardlink('d/h', 'd/a'), file('d/b', 'bee')],
      [file('d/b', 'bee2'), whiteout('d/a'), whiteout('d/h')],
    );
    expect(kept(p[0])).toEqual([1, 0, 0, 0]);
    expect(kept(p[1])).toEqual([1, 1, 1]);
    expect(p[0]?.untouched).toBe(false);
    expect(p[1]?.untouched).toBe(true);
  });

  it('keeps a version a surviving hard link still shows', async () => {
    const p = await plan({ dropWaste: true }, [file('a', 'one'), hardlink('h', 'a')], [file('a', 'two')]);
    expect(kept(p[0])).toEqual([1, 1]);
    expect(p[0]?.fixups.size).toBe(0);
  });

  it('squash materialises a hard link whose target path was overwritten later', async () => {
    const p = await plan({ squashFrom: 0 }, [file('a', 'one'), hardlink('h', 'a')], [file('a', 'two')]);
    expect(kept(p[0])).toEqual([0, 1]);
    expect(p[0]?.fixups.get(1)).toEqual({ kind: 'materialise', from: versionRef(0, 0) });
    expect(kept(p[1])).toEqual([1]);
  });

  it('strip materialises the first link into a stripped path and re-points the others to it', async () => {
    const p = await plan({ strip: ['/usr/share/doc'] }, [
      dir('usr'),
      dir('usr/share'),
      dir('usr/share/doc'),
      file('usr/share/doc/x', 'doc'),
      hardlink('h1', 'usr/share/doc/x'),
      hardlink('h2', 'usr/share/doc/x'),
    ]);
    expect(kept(p[0])).toEqual([1, 1, 0, 0, 1, 1]);
    expect(p[0]?.fixups.get(4)).toEqual({ kind: 'materialise', from: versionRef(0, 3) });
    expect(p[0]?.fixups.get(5)).toEqual({ kind: 'relink', target: 'h1' });
  });

  it('squash from a layer keeps the range’s whiteouts and only final entries', async () => {
    const p = await plan(
      { squashFrom: 1 },
      [file('a', 'one'), file('b', 'bee')],
      [whiteout('a'), file('c', 'c1')],
      [file('c', 'c2'), dir('e')],
    );
    expect(p[0]?.untouched).toBe(true);
    expect(kept(p[1])).toEqual([1, 0]);
    expect(kept(p[2])).toEqual([1, 1]);
  });
});
