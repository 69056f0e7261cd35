/**
 * Tar blocks: the 512-byte unit every header and data region is aligned to, and the header checksum
 * that guards each header.
 */

/** BLOCK_SIZE is the size of a tar block in bytes. */
export const BLOCK_SIZE = 512;

/** CHECKSUM_OFFSET and CHECKSUM_LENGTH locate the checksum field inside a header. */
export const CHECKSUM_OFFSET = 148;
export const CHECKSUM_LENGTH = 8;

/** paddingAfter returns how many zero bytes follow `size` data bytes to reach a block boundary. */
export function paddingAfter(size: number): number {
  const rest = size % BLOCK_SIZE;
  return rest === 0 ? 0 : BLOCK_SIZE - rest;
}

const ZEROS = Buffer.alloc(64 * 1024);
const ZERO_BLOCK = ZEROS.subarray(0, BLOCK_SIZE);

/** isAllZero reports whether bytes are all zero (an end-of-archive block, trailing padding). */
export function isAllZero(bytes: Buffer): boolean {
  if (bytes.length === BLOCK_SIZE) return bytes.equals(ZERO_BLOCK);
  for (let start = 0; start < bytes.length; start += ZEROS.length) {
    const piece = bytes.subarray(start, start + ZEROS.length);
    if (!piece.equals(ZEROS.subarray(0, piece.length))) return false;
  }
  return true;
}

/**
 * headerChecksums returns the unsigned and the signed sum of a header's bytes with the checksum
 * field counted as spaces; writers disagree on signedness, so a reader accepts either.
 */
export function headerChecksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0x20 * CHECKSUM_LENGTH;
  let high = 0; // bytes >= 0x80, which count 256 less when signed
  for (let i = 0; i < CHECKSUM_OFFSET; i++) {
    const b = block[i] as number;
    unsigned += b;
    high += b >> 7;
  }
  for (let i = CHECKSUM_OFFSET + CHECKSUM_LENGTH; i < BLOCK_SIZE; i++) {
    const b = block[i] as number;
    unsigned += b;
    high += b >> 7;
  }
  return { unsigned, signed: unsigned - 256 * high };
}
