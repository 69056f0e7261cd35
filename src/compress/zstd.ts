/**
 * Streaming zstd decompression with zstd-napi's low-level context. Its DecompressStream pushes a whole
 * input chunk's output at once (gigabytes on an all-zero layer), so this drives ZSTD_decompressStream
 * from a generator that yields bounded slices and waits for the consumer. Multiple frames and
 * skippable frames (zstd:chunked) are handled by libzstd itself.
 *
 * libzstd runs on the calling thread (unlike zlib, which uses libuv's pool), so a stream longer
 * than a few megabytes is decoded on a worker thread of its own: the main thread keeps hashing and
 * parsing while the worker decodes, and two zstd layers decode at once. The worker runs the same
 * decodeChunk as the in-thread path (from its source text, so it works from dist/ and under vitest).
 */
import { createRequire } from 'node:module';
import binding from 'zstd-napi/binding.js';
import { StowageError, withWhere, type ErrorWhere } from '../model/errors.js';
import {
  decodeBySize,
  decodeOnWorker,
  leaseDecoder,
  type DecoderEnd,
  type DecoderWorkerSpec,
  type OffThreadOptions,
  type StreamHashes,
} from './decode-worker.js';
import type { WorkerLease } from './worker-session.js';
import { decodeChunk, type ZstdState } from './zstd-frames.js';

/** ZSTD_OUT_SIZE is the size of each output buffer; yielded slices never exceed it. */
export const ZSTD_OUT_SIZE = 1024 * 1024;

/** ZSTD_WINDOW_LOG_MAX admits frames written with `zstd --long=31` (a 2 GiB window). */
export const ZSTD_WINDOW_LOG_MAX = 31;

// A fresh output buffer is started once less than this is left, so slices stay reasonably large.
const MIN_TAIL = 64 * 1024;
// Worker flow control: output slices not yet consumed.
const MAX_SLICES = 4;

/** UnzstdOptions tune where decoding runs. */
export type UnzstdOptions = OffThreadOptions;

/**
 * unzstd decompresses a zstd stream. Corrupt data throws CORRUPT_ZSTD and an end inside a frame
 * TRUNCATED, both located by `where`; errors from `source` pass through unchanged.
 */
export function unzstd(
  source: AsyncIterable<Uint8Array>,
  where: ErrorWhere = {},
  opts: UnzstdOptions = {},
): AsyncGenerator<Buffer> {
  return decodeBySize(
    source,
    opts,
    (s) => unzstdOnWorker(s, where),
    (s) => unzstdHere(s, where),
  );
}

function newState(dctx: ZstdState['dctx']): ZstdState {
  dctx.setParameter(binding.DParameter.windowLogMax, ZSTD_WINDOW_LOG_MAX);
  return {
    dctx,
    out: Buffer.allocUnsafe(ZSTD_OUT_SIZE),
    outPos: 0,
    outSize: ZSTD_OUT_SIZE,
    minTail: MIN_TAIL,
    pending: 0,
    consumed: 0,
  };
}

/** unzstdHere decodes on the calling thread. */
export async function* unzstdHere(
  source: AsyncIterable<Uint8Array>,
  where: ErrorWhere,
): AsyncGenerator<Buffer> {
  const state = newState(new binding.DCtx());
  for await (const chunk of source) {
    try {
      // yield* would hand libzstd's errors to the consumer's frame; the loop keeps them here
      for (const slice of decodeChunk(state, chunk)) yield slice;
    } catch (e) {
      if (e instanceof StowageError) throw e;
      throw corrupt((e as Error).message, state.consumed, where, e);
    }
  }
  if (state.pending !== 0) throw truncated(state.consumed, where);
}

// The codec run by decode-worker.ts's host. minTail = outSize: every slice starts a buffer of its
// own, so each is handed over without a copy.
const CODEC = `
const __name = (f) => f; // in case a transform named decodeChunk with a helper
const binding = require(workerData.binding);
const decodeChunk = ${decodeChunk.toString()};
function open(out) {
  const dctx = new binding.DCtx();
  dctx.setParameter(binding.DParameter.windowLogMax, workerData.windowLogMax);
  const state = { dctx, out: Buffer.allocUnsafe(workerData.outSize), outPos: 0, outSize: workerData.outSize,
    minTail: workerData.outSize, pending: 0, consumed: 0 };
  const inputs = [];
  let current;
  let paused = false;
  let ended = false;
  let failed = false;
  function run() {
    try {
      while (!paused && !failed) {
        if (current === undefined) {
          const next = inputs.shift();
          if (next === undefined) {
            if (ended) out.end(state.pending, state.consumed);
            ended = false;
            return;
          }
          current = { slices: decodeChunk(state, next.bytes), done: next.done };
        }
        const r = current.slices.next();
        if (r.done) {
          current.done();
          current = undefined;
        } else out.slice(r.value, r.value.byteOffset === 0);
      }
    } catch (e) {
      failed = true;
      out.corrupt(String((e && e.message) || e), undefined, state.consumed);
    }
  }
  return {
    write(bytes, done) { inputs.push({ bytes, done }); run(); },
    end() { ended = true; run(); },
    pause() { paused = true; },
    resume() { paused = false; run(); },
  };
}
`;

let spec: DecoderWorkerSpec | undefined;

const zstdSpec = (): DecoderWorkerSpec =>
  (spec ??= {
    codec: CODEC,
    workerData: {
      binding: createRequire(import.meta.url).resolve('zstd-napi/binding.js'),
      windowLogMax: ZSTD_WINDOW_LOG_MAX,
      outSize: ZSTD_OUT_SIZE,
      slices: MAX_SLICES,
    },
  });

/**
 * unzstdOnWorker decodes on a worker thread of its own (see decode-worker.ts), hashing the
 * compressed input and the decoded output there when `hashes` asks; the digests reach `onEnd`.
 * `lease` is a worker from leaseUnzstdWorker.
 */
export function unzstdOnWorker(
  source: AsyncIterable<Uint8Array>,
  where: ErrorWhere,
  hashes: StreamHashes = {},
  onEnd: (end: DecoderEnd) => void = () => {},
  lease?: WorkerLease,
): AsyncGenerator<Buffer> {
  return decodeOnWorker(
    source,
    zstdSpec(),
    {
      onEnd: (end) => {
        if (end.pending !== 0) throw truncated(end.consumed, where);
        onEnd(end);
      },
      onCorrupt: (f) => corrupt(f.message, f.consumed, where),
    },
    hashes,
    lease,
  );
}

/** leaseUnzstdWorker starts (or takes) the worker of an unzstdOnWorker call to come. */
export function leaseUnzstdWorker(): WorkerLease {
  return leaseDecoder(zstdSpec());
}

function corrupt(message: string, offset: number, where: ErrorWhere, cause?: unknown): unknown {
  const e = new StowageError('CORRUPT_ZSTD', `zstd data is corrupt (${message})`, {
    where: { offset },
    hint: 'the blob is damaged or not zstd; re-export or re-pull the image',
    cause,
  });
  return withWhere(e, where);
}

function truncated(consumed: number, where: ErrorWhere): unknown {
  const e = new StowageError(
    'TRUNCATED',
    `zstd stream ended inside a frame, after ${consumed} compressed bytes`,
    {
      hint: 'the blob is incomplete; re-export or re-pull the image',
    },
  );
  return withWhere(e, where);
}
