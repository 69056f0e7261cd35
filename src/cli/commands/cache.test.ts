import { describe, expect, it } from 'vitest';
import { parseSize } from './cache.js';

describe('parseSize', () => {
  it('reads bytes and binary units', () => {
    expect(parseSize('1024')).toBe(1024);
    expect(parseSize('2K')).toBe(2048);
    expect(parseSize('1.5M')).toBe(1.5 * 2 ** 20);
    expect(parseSize('10GiB')).toBe(10 * 2 ** 30);
    expect(parseSize('1tb')).toBe(2 ** 40);
  });
  it('rejects what is not a size', () => {
    expect(() => parseSize('big')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseSize('-1G')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
