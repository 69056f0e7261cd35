/**
 * Streaming zstd decompression with zstd-napi's low-level context. Its DecompressStream pushes a whole
 * input chunk's output at once (gigabytes on an all-zero layer), so this drives ZSTD_decompressStream
 * from a generator that yields bounded slices of one output buffer and waits for the consumer.
 * Multiple frames and skippable frames (zstd:chunked) are handled by libzstd itself.
 */
import binding from 'zstd-napi/binding.js';
import { StowageError, withWhere, type ErrorWhere } from '../model/errors.js';

/** ZSTD_OUT_SIZE is the size of each output buffer; yielded slices never exceed it. */
export const ZSTD_OUT_SIZE = 1024 * 1024;

/** ZSTD_WINDOW_LOG_MAX admits frames written with `zstd --long=31` (a 2 GiB window). */
export const ZSTD_WINDOW_LOG_MAX = 31;

// A fresh output buffer is started once less than this is left, so slices stay reasonably large.
const MIN_TAIL = 64 * 1024;

/**
 * unzstd decompresses a zstd stream. Corrupt data throws CORRUPT_ZSTD and an end inside a frame
 * TRUNCATED, both located by `where`; errors from `source` pass through unchanged.
 */
export async function* unzstd(
  source: AsyncIterable<Uint8Array>,
  where: ErrorWhere = {},
): AsyncGenerator<Buffer> {
  const dctx = new binding.DCtx();
  dctx.setParameter(binding.DParameter.windowLogMax, ZSTD_WINDOW_LOG_MAX);
  let out = Buffer.allocUnsafe(ZSTD_OUT_SIZE);
  let outPos = 0;
  let consumedTotal = 0;
  // libzstd's hint: 0 once a frame is complete and flushed, so any other value at the end means truncation.
  let pending = 0;
  for await (const chunk of source) {
    let src = chunk;
    for (;;) {
      const room = out.length - outPos;
      let produced: number;
      let consumed: number;
      try {
        [pending, produced, consumed] = dctx.decompressStream(out.subarray(outPos), src);
      } catch (e) {
        const corrupt = new StowageError('CORRUPT_ZSTD', `zstd data is corrupt (${(e as Error).message})`, {
          where: { offset: consumedTotal },
          hint: 'the blob is damaged or not zstd; re-export or re-pull the image',
          cause: e,
        });
        throw withWhere(corrupt, where);
      }
      consumedTotal += consumed;
      src = src.subarray(consumed);
      // Slices already yielded are never written again: the consumer may still hold them.
      if (produced > 0) yield out.subarray(outPos, outPos + produced);
      outPos += produced;
      if (out.length - outPos < MIN_TAIL) {
        out = Buffer.allocUnsafe(ZSTD_OUT_SIZE);
        outPos = 0;
      }
      // Input used up and either a frame just ended or output space was left over: libzstd has
      // flushed all it can. (Calling again after a frame ends would report a new frame's header as
      // pending and misread a complete stream as truncated.)
      if (src.length === 0 && (pending === 0 || produced < room)) break;
    }
  }
  if (pending !== 0) {
    const truncated = new StowageError(
      'TRUNCATED',
      `zstd stream ended inside a frame, after ${consumedTotal} compressed bytes`,
      {
        hint: 'the blob is incomplete; re-export or re-pull the image',
      },
    );
    throw withWhere(truncated, where);
  }
}
