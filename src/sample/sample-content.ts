/**
 * Deterministic file contents for the sample image: pseudo-random bytes (sha256 in counter mode,
 * so the same seed always gives the same bytes) and plausible text of a given size.
 */
import { createHash } from 'node:crypto';

/** pseudoRandom returns `size` bytes derived from `seed`; the same seed gives the same bytes. */
export function pseudoRandom(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let off = 0, n = 0; off < size; n++) {
    const block = createHash('sha256').update(`${seed}:${n}`).digest();
    off += block.copy(out, off);
  }
  return out;
}

/** repeatedText fills about `size` bytes (whole records only) with `record(i)` for i = 0, 1, … */
export function repeatedText(size: number, record: (i: number) => string): Buffer {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const r = record(i);
    parts.push(r);
    length += Buffer.byteLength(r);
  }
  return Buffer.from(parts.join(''));
}

/** text encodes a string as UTF-8. */
export function text(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}
