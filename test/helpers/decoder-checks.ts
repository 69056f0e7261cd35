/**
 * Checks every streaming decoder must pass, whatever it decodes: an error from its source reaches
 * the consumer unchanged, and a consumer that stops early releases the source.
 */
import { expect } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import { chunked, collect } from './byte-streams.js';

/** Decode is a streaming decoder under test. */
export type Decode = (source: AsyncIterable<Uint8Array>) => AsyncIterable<Buffer>;

/** expectSourceErrorPassesThrough feeds half of `data`, then fails, and expects that very error. */
export async function expectSourceErrorPassesThrough(decode: Decode, data: Uint8Array): Promise<void> {
  const upstream = new StowageError('SIZE_MISMATCH', 'too long', { where: { file: 'upstream' } });
  async function* source(): AsyncGenerator<Uint8Array> {
    yield* chunked(data.subarray(0, data.length >> 1), 10_000);
    throw upstream;
  }
  await expect(collect(decode(source()))).rejects.toBe(upstream);
}

/** expectSourceClosedEarly stops after the first chunk and expects the source to be closed soon. */
export async function expectSourceClosedEarly(decode: Decode, data: Uint8Array): Promise<void> {
  let closed = false;
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      yield* chunked(data, 10_000);
    } finally {
      closed = true;
    }
  }
  for await (const chunk of decode(source())) {
    expect(chunk.length).toBeGreaterThan(0);
    break;
  }
  for (let i = 0; i < 50 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
  expect(closed).toBe(true);
}

/** DecodeBySize is a decoder that picks the worker or this thread by `offThreadAbove`. */
export type DecodeBySize = (
  source: AsyncIterable<Uint8Array>,
  opts: { offThreadAbove: number },
) => AsyncIterable<Buffer>;

/**
 * expectBothPathsAgree decodes `compressed` once just at the threshold (here) and once just above
 * it (on the worker): both must give `plain`.
 */
export async function expectBothPathsAgree(
  decode: DecodeBySize,
  compressed: Uint8Array,
  plain: Uint8Array,
): Promise<void> {
  const here = await collect(decode(chunked(compressed, 4096), { offThreadAbove: compressed.length }));
  const there = await collect(decode(chunked(compressed, 4096), { offThreadAbove: compressed.length - 1 }));
  expect(here.equals(plain) && there.equals(plain)).toBe(true);
}

/** expectBoundedChunks decodes 64 MiB of compressed zeros: every chunk at most 1 MiB, all of it there. */
export async function expectBoundedChunks(decode: Decode, compressedZeros: Uint8Array): Promise<void> {
  let total = 0;
  for await (const chunk of decode(chunked(compressedZeros, 1 << 20))) {
    expect(chunk.length).toBeLessThanOrEqual(1 << 20);
    total += chunk.length;
  }
  expect(total).toBe(64 << 20);
}
