/**
 * Digest and size verification while streaming: bytes pass through untouched and are hashed on the
 * way; the verdict comes when the stream ends (or as soon as it runs past its declared size).
 */
import { digestAlgorithm, newHash, type Digest } from '../model/digest.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { asBuffer } from './peek.js';

/** VerifyOptions says what is checked (a blob `digest` or an uncompressed layer's `diff_id`) and where. */
export interface VerifyOptions {
  kind: 'digest' | 'diff_id';
  /** expectedSize, when known (a descriptor's size), is enforced too. */
  expectedSize?: number;
  where?: ErrorWhere;
}

/**
 * verifyDigest passes `source` through while hashing it. At the end a different hash throws
 * DIGEST_MISMATCH (kind digest) or DIFF_ID_MISMATCH (kind diff_id); with expectedSize, a short
 * stream throws TRUNCATED and a long one SIZE_MISMATCH as soon as it passes the size.
 */
export async function* verifyDigest(
  source: AsyncIterable<Uint8Array>,
  expected: Digest,
  opts: VerifyOptions,
): AsyncGenerator<Buffer> {
  const alg = digestAlgorithm(expected);
  const hash = newHash(alg);
  for await (const chunk of checkSize(source, opts.expectedSize, opts.where)) {
    hash.update(chunk);
    yield chunk;
  }
  checkDigest(opts.kind, expected, hash.digest('hex'), opts.where);
}

/**
 * checkSize passes `source` through, throwing SIZE_MISMATCH as soon as it runs past `expectedSize`
 * and TRUNCATED if it ends short of it; without a size it only passes the bytes on.
 */
export async function* checkSize(
  source: AsyncIterable<Uint8Array>,
  expectedSize: number | undefined,
  where: ErrorWhere = {},
): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (expectedSize !== undefined && size > expectedSize) {
      throw new StowageError('SIZE_MISMATCH', `content is larger than the expected ${expectedSize} bytes`, {
        where,
        hint: 'the blob was modified or the descriptor is wrong; re-export or re-pull the image',
      });
    }
    yield asBuffer(chunk);
  }
  if (expectedSize !== undefined && size < expectedSize) {
    throw new StowageError('TRUNCATED', `content has ${size} bytes, expected ${expectedSize}`, {
      where,
      hint: 'the blob is incomplete; re-export or re-pull the image',
    });
  }
}

/**
 * checkDigest compares a finished hash (hex) with the expected digest, throwing DIGEST_MISMATCH
 * (kind digest) or DIFF_ID_MISMATCH (kind diff_id) when they differ.
 */
export function checkDigest(
  kind: VerifyOptions['kind'],
  expected: Digest,
  actualHex: string,
  where: ErrorWhere = {},
): void {
  const actual = `${digestAlgorithm(expected)}:${actualHex}`;
  if (actual === expected) return;
  const what = kind === 'digest' ? 'blob digest' : 'uncompressed layer digest (diff_id)';
  throw new StowageError(
    kind === 'digest' ? 'DIGEST_MISMATCH' : 'DIFF_ID_MISMATCH',
    `${what} mismatch: expected ${expected}, got ${actual}`,
    { where, hint: 'the blob is corrupt or was modified; re-export or re-pull the image' },
  );
}
