import { describe, expect, it } from 'vitest';
import { formatBytes } from './size.js';

describe('formatBytes', () => {
  it('keeps bytes below 1000 exact', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
  });
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes(3 * 1000 ** 3)).toBe('3.0 GB');
    expect(formatBytes(-2048)).toBe('-2.0 kB');
  });
});
