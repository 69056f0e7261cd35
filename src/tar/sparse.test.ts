/** Sparse maps: PAX 1.0 map decoding across blocks, 0.1 text maps, and validation. */
import { describe, expect, it } from 'vitest';
import { StowageError } from '../model/errors.js';
import { parseSparseMapText, SparseMapDecoder, validateSparseMap } from './sparse.js';
import { tarLimits } from './limits.js';

const LIMITS = tarLimits({});

function blocks(text: string): Buffer[] {
  const data = Buffer.alloc(Math.ceil(text.length / 512) * 512);
  data.write(text, 'latin1');
  return Array.from({ length: data.length / 512 }, (_, i) => data.subarray(i * 512, (i + 1) * 512));
}

describe('SparseMapDecoder', () => {
  it('reads a map that spans blocks and stops at its end', () => {
    const pairs = Array.from({ length: 60 }, (_, i) => [i * 10000, 512]);
    const text = `${pairs.length}\n${pairs.flat().join('\n')}\n`;
    const d = new SparseMapDecoder({}, LIMITS);
    const bs = blocks(text);
    expect(bs.length).toBeGreaterThan(1);
    const done = bs.map((b) => d.push(b));
    expect(done.at(-1)).toBe(true);
    expect(done.slice(0, -1).every((x) => !x)).toBe(true);
    expect(d.segments()).toEqual(pairs.map(([offset, length]) => ({ offset, length })));
  });

  it('rejects non-digits', () => {
    expect(() => new SparseMapDecoder({}, LIMITS).push(blocks('2\n1x\n')[0]!)).toThrow(StowageError);
  });
});

describe('sparse maps', () => {
  it('parses 0.1 text and validates order, bounds and stored size', () => {
    const segs = parseSparseMapText('0,512,4096,100', {}, LIMITS);
    expect(segs).toEqual([
      { offset: 0, length: 512 },
      { offset: 4096, length: 100 },
    ]);
    expect(() => validateSparseMap(segs, 4196, 612, {})).not.toThrow();
    expect(() => validateSparseMap(segs, 4195, 612, {})).toThrow(/beyond size/);
    expect(() => validateSparseMap(segs, 5000, 611, {})).toThrow(/stores only/);
    expect(() => validateSparseMap([...segs].reverse(), 5000, 612, {})).toThrow(/out of order/);
    expect(() => parseSparseMapText('1,2,3', {}, LIMITS)).toThrow(StowageError);
  });
});
