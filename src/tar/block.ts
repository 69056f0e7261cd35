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
 * field counted as spaces; writers disagree on signedness, so a reader accepts either. It reads
 * four bytes at a time: per 32-bit word, the bytes are summed in two 16-bit lanes (128 words of at
 * most 2 × 255 each stay below 65,536) and their top bits counted in four byte lanes.
 */
export function headerChecksums(block: Uint8Array): { unsigned: number; signed: number } {
  const view = new DataView(block.buffer, block.byteOffset, BLOCK_SIZE);
  let lanes = 0;
  let tops = 0;
  for (let i = 0; i < BLOCK_SIZE; i += 4) {
    if (i === CHECKSUM_OFFSET || i === CHECKSUM_OFFSET + 4) continue; // the checksum field itself
    const w = view.getUint32(i);
    lanes += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
    tops += (w >>> 7) & 0x01010101;
  }
  const unsigned = 0x20 * CHECKSUM_LENGTH + (lanes & 0xffff) + Math.floor(lanes / 0x10000);
  const high = (tops & 0xff) + ((tops >>> 8) & 0xff) + ((tops >>> 16) & 0xff) + (tops >>> 24);
  return { unsigned, signed: unsigned - 256 * high };
}
