import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathTrie } from './path-trie.js';

// Segments from characters that sort on both sides of '/' (0x2f) and '.', and beyond ASCII.
const segment = fc
  .array(fc.constantFrom('a', 'b', '-', '.', ' ', '0', '~', 'é', '_'), { minLength: 1, maxLength: 3 })
  .map((cs) => cs.join(''))
  .filter((s) => s !== '.' && s !== '..');
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((ss) => ss.join('/'));

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('PathTrie.pathRanks', () => {
  it('orders every id as its path string sorts, root included', () => {
    fc.assert(
      fc.property(fc.array(path, { maxLength: 40 }), (paths) => {
        const trie = new PathTrie();
        for (const p of paths) trie.intern(p);
        const ids = Array.from({ length: trie.size }, (_, id) => id);
        const rank = trie.pathRanks();
        const byRank = [...ids].sort((a, b) => (rank[a] as number) - (rank[b] as number));
        const expected = [...ids].sort((a, b) => byString(trie.path(a), trie.path(b)));
        expect(byRank.map((id) => trie.path(id))).toEqual(expected.map((id) => trie.path(id)));
      }),
      { numRuns: 300 },
    );
  });

  it('places a path between a sibling that extends its name and that sibling’s subtree', () => {
    const trie = new PathTrie();
    for (const p of ['a/x', 'a-b', 'a', '-z/q']) trie.intern(p);
    const rank = trie.pathRanks();
    const ids = Array.from({ length: trie.size }, (_, id) => id);
    const ordered = ids.sort((a, b) => (rank[a] as number) - (rank[b] as number)).map((id) => trie.path(id));
    expect(ordered).toEqual(['-z', '-z/q', '.', 'a', 'a-b', 'a/x']);
  });

  it('is recomputed once more paths are interned', () => {
    const trie = new PathTrie();
    trie.intern('b');
    expect(trie.pathRanks().length).toBe(2);
    trie.intern('a');
    const rank = trie.pathRanks();
    expect(rank.length).toBe(3);
    expect(rank[trie.lookup('a') as number]).toBeLessThan(rank[trie.lookup('b') as number] as number);
  });
});
