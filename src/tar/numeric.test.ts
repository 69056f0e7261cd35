/** Numeric fields: octal and base-256, checked against Python tarfile's own encoder (itn). */
import { describe, expect, it } from 'vitest';
import { python } from '../../test/tar/helpers.js';
import { StowageError } from '../model/errors.js';
import { parseNumeric, writeNumeric } from './numeric.js';

const VALUES = [
  0,
  1,
  0o644,
  2097151,
  2097152,
  8 ** 11 - 1,
  8 ** 11,
  2 ** 40,
  2 ** 53 - 1,
  -1,
  -1000000,
  -(2 ** 40),
];

describe('numeric fields', () => {
  it("encode and decode exactly as Python's tarfile (GNU format, 12-byte fields)", () => {
    const hex = python(
      'import sys,tarfile; print(" ".join(tarfile.itn(int(v), 12, tarfile.GNU_FORMAT).hex() for v in sys.argv[1:]))',
      VALUES.map(String),
    )
      .toString()
      .trim()
      .split(' ');
    VALUES.forEach((v, i) => {
      const field = Buffer.from(hex[i]!, 'hex');
      expect(parseNumeric(field, 0, 12, 'f', {}), String(v)).toBe(v);
      const ours = Buffer.alloc(12);
      writeNumeric(ours, 0, 12, v);
      expect(ours.toString('hex'), String(v)).toBe(hex[i]);
    });
  });

  it('accepts space padding and empty fields, rejects other bytes and overflow', () => {
    expect(parseNumeric(Buffer.from(' 755 \0\0\0'), 0, 8, 'mode', {})).toBe(0o755);
    expect(parseNumeric(Buffer.alloc(8), 0, 8, 'mode', {})).toBe(0);
    expect(() => parseNumeric(Buffer.from('0000789\0'), 0, 8, 'mode', { offset: 512 })).toThrow(StowageError);
    expect(() => parseNumeric(Buffer.from([0x80, ...Array(11).fill(0xff)]), 0, 12, 'size', {})).toThrow(
      /size/,
    );
  });

  it("trims leading and trailing NULs and spaces as Go's archive/tar does, then stops at a NUL", () => {
    expect(parseNumeric(Buffer.from('\x00\x00\x00\x0012\x00'), 0, 8, 'size', {})).toBe(0o12);
    expect(parseNumeric(Buffer.from('\x00 17\x00 5 '), 0, 8, 'size', {})).toBe(0o17);
    expect(() => parseNumeric(Buffer.from('\x00 17 \x00 5'), 0, 8, 'size', {})).toThrow(/size/);
    expect(parseNumeric(Buffer.from('12\x0034\x00\x00'), 0, 8, 'size', {})).toBe(0o12);
    expect(() => parseNumeric(Buffer.from('1 2\0\0\0\0\0'), 0, 8, 'size', {})).toThrow(/size/);
  });
});
