/**
 * Byte-stream helpers for tests: feed a buffer as an async iterable in chunks of a chosen size,
 * collect a stream back into one buffer, and make deterministic, moderately compressible data.
 */

/** chunked yields `data` in pieces of `size` bytes (the last one may be shorter). */
export async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** collect reads a stream to its end and returns the bytes. */
export async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * textish returns `size` bytes of deterministic pseudo-random words and numbers: it compresses
 * about as well as source code or config files, unlike zeros or random bytes.
 */
export function textish(size: number, seed = 1): Buffer {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'usr/lib', 'include', 'return', 'const', '{', '}\n'];
  let x = seed >>> 0 || 1;
  const out = Buffer.alloc(size);
  let pos = 0;
  while (pos < size) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const piece = x % 4 === 0 ? `${x % 100000} ` : `${words[x % words.length]} `;
    pos += out.write(piece, pos);
  }
  return out;
}
