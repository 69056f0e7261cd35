import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDigest, type Digest } from '../model/digest.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { chunked, collect, textish } from '../../test/helpers/byte-streams.js';
import { verifyDigest } from './verify.js';

const data = textish(200_000, 5);
const where: ErrorWhere = { file: 'blobs/sha256/x', layerIndex: 2 };

/** toolDigest asks sha256sum / sha512sum, not node:crypto, for the oracle digest. */
function toolDigest(alg: 'sha256' | 'sha512', input: Uint8Array): Digest {
  const hex = execFileSync(`${alg}sum`, { input }).toString().split(' ')[0];
  return parseDigest(`${alg}:${hex}`);
}

async function failure(run: Promise<unknown>): Promise<StowageError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StowageError);
  const se = err as StowageError;
  expect(se.message).toContain('file blobs/sha256/x');
  expect(se.message).toContain('layer 2');
  return se;
}

describe('verifyDigest', () => {
  it.each([['sha256' as const], ['sha512' as const]])('passes matching %s content through', async (alg) => {
    const d = toolDigest(alg, data);
    const out = await collect(
      verifyDigest(chunked(data, 999), d, { kind: 'digest', expectedSize: data.length }),
    );
    expect(out.equals(data)).toBe(true);
  });

  it('names both digests on a blob digest mismatch', async () => {
    const expected = toolDigest('sha256', data.subarray(1));
    const actual = toolDigest('sha256', data);
    const err = await failure(
      collect(verifyDigest(chunked(data, 4096), expected, { kind: 'digest', where })),
    );
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(expected);
    expect(err.message).toContain(actual);
    expect(err.message).toMatch(/re-pull/);
  });

  it('reports DIFF_ID_MISMATCH for kind diff_id', async () => {
    const modified = Buffer.from(data);
    modified[1000] = modified[1000]! ^ 1;
    const expected = toolDigest('sha512', data);
    const err = await failure(
      collect(verifyDigest(chunked(modified, 4096), expected, { kind: 'diff_id', where })),
    );
    expect(err.code).toBe('DIFF_ID_MISMATCH');
    expect(err.message).toContain(expected);
    expect(err.message).toContain(toolDigest('sha512', modified));
  });

  it('reports a short stream as TRUNCATED', async () => {
    const d = toolDigest('sha256', data);
    const short = data.subarray(0, data.length - 10);
    const opts = { kind: 'digest' as const, expectedSize: data.length, where };
    const err = await failure(collect(verifyDigest(chunked(short, 4096), d, opts)));
    expect(err.code).toBe('TRUNCATED');
  });

  it('reports a long stream as SIZE_MISMATCH before passing the extra bytes on', async () => {
    const d = toolDigest('sha256', data);
    const limit = 10_000;
    let passed = 0;
    const run = (async () => {
      for await (const chunk of verifyDigest(chunked(data, 4096), d, {
        kind: 'digest',
        expectedSize: limit,
        where,
      })) {
        passed += chunk.length;
      }
    })();
    const err = await failure(run);
    expect(err.code).toBe('SIZE_MISMATCH');
    expect(passed).toBeLessThanOrEqual(limit);
  });
});
