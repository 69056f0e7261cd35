import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, CHECKSUM_LENGTH, CHECKSUM_OFFSET, headerChecksums } from './block.js';

/** bytewise is the checksum as POSIX states it, one byte at a time: the oracle for the word-wise sums. */
function bytewise(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const b = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH ? 0x20 : (block[i] as number);
    unsigned += b;
    signed += b >= 0x80 ? b - 256 : b;
  }
  return { unsigned, signed };
}

describe('headerChecksums', () => {
  it('equals the byte-by-byte sums for any block, at any alignment', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: BLOCK_SIZE, maxLength: BLOCK_SIZE }),
        fc.nat(7),
        (bytes, shift) => {
          const buf = new Uint8Array(BLOCK_SIZE + 8);
          buf.set(bytes, shift);
          const block = buf.subarray(shift, shift + BLOCK_SIZE);
          expect(headerChecksums(block)).toEqual(bytewise(block));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('handles the extremes: all 0xff and all zero', () => {
    for (const fill of [0, 0xff]) {
      const block = new Uint8Array(BLOCK_SIZE).fill(fill);
      expect(headerChecksums(block)).toEqual(bytewise(block));
    }
  });
});
