import { afterEach, describe, expect, it } from 'vitest';
import { StowageError } from './errors.js';
import { nestingDepth, parseJson } from './json.js';
import { setLimits } from './limits.js';

afterEach(() => setLimits({}));

describe('nestingDepth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[[1],{"b":[]}]}')).toBe(4);
    expect(nestingDepth('["[[[[\\"[["]')).toBe(1);
  });
});

describe('parseJson', () => {
  it('refuses a document nested deeper than the limit, naming the limit', () => {
    const deep = '['.repeat(1_000_001) + ']'.repeat(1_000_001);
    const e = (() => {
      try {
        parseJson(deep, 'doc');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(StowageError);
    expect((e as StowageError).message).toMatch(
      /^doc nests arrays and objects 1000001 deep; the limit is 1000/,
    );
    setLimits({ jsonDepth: 2_000_000 });
    expect(Array.isArray(parseJson(deep, 'doc'))).toBe(true);
  });
});
