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
import { Worker } from 'node:worker_threads';
import binding from 'zstd-napi/binding.js';
import { StowageError, withWhere, type ErrorWhere } from '../model/errors.js';
import { peekBytes } from './peek.js';
import { decodeChunk, type ZstdState } from './zstd-frames.js';

/** ZSTD_OUT_SIZE is the size of each output buffer; yielded slices never exceed it. */
export const ZSTD_OUT_SIZE = 1024 * 1024;

/** ZSTD_WINDOW_LOG_MAX admits frames written with `zstd --long=31` (a 2 GiB window). */
export const ZSTD_WINDOW_LOG_MAX = 31;

/** ZSTD_OFF_THREAD_ABOVE: streams with more compressed bytes than this are decoded on a worker. */
export const ZSTD_OFF_THREAD_ABOVE = 4 * 1024 * 1024;

// A fresh output buffer is started once less than this is left, so slices stay reasonably large.
const MIN_TAIL = 64 * 1024;
// Worker flow control: input chunks sent but not yet decoded, and output slices not yet consumed.
const MAX_INPUTS = 2;
const MAX_SLICES = 4;

/** UnzstdOptions tune where decoding runs. */
export interface UnzstdOptions {
  /** decode on a worker thread once the stream has more compressed bytes than this (default 4 MiB) */
  offThreadAbove?: number;
}

/**
 * unzstd decompresses a zstd stream. Corrupt data throws CORRUPT_ZSTD and an end inside a frame
 * TRUNCATED, both located by `where`; errors from `source` pass through unchanged.
 */
export async function* unzstd(
  source: AsyncIterable<Uint8Array>,
  where: ErrorWhere = {},
  opts: UnzstdOptions = {},
): AsyncGenerator<Buffer> {
  const above = opts.offThreadAbove ?? ZSTD_OFF_THREAD_ABOVE;
  const { head, stream } = await peekBytes(source, above + 1);
  if (head.length > above) yield* unzstdWorker(stream, where);
  else yield* unzstdHere(stream, where);
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
async function* unzstdHere(source: AsyncIterable<Uint8Array>, where: ErrorWhere): AsyncGenerator<Buffer> {
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

/** Messages from the worker. */
type FromWorker =
  | { slice: ArrayBuffer; length: number }
  | { decoded: true }
  | { end: true; pending: number; consumed: number }
  | { corrupt: string; consumed: number };

/** Events the worker generator waits for: the worker's messages, its crash, or the source's error. */
type WorkerEvent = FromWorker | { failed: unknown };

const WORKER_SOURCE = `
const __name = (f) => f; // in case a transform named decodeChunk with a helper
const { parentPort, workerData } = require('node:worker_threads');
const binding = require(workerData.binding);
const decodeChunk = ${decodeChunk.toString()};
const dctx = new binding.DCtx();
dctx.setParameter(binding.DParameter.windowLogMax, workerData.windowLogMax);
// minTail = outSize: every slice starts a buffer of its own, so it is handed over without a copy.
const state = { dctx, out: Buffer.allocUnsafe(workerData.outSize), outPos: 0, outSize: workerData.outSize,
  minTail: workerData.outSize, pending: 0, consumed: 0 };
const inputs = [];
let current;
let credits = workerData.slices;
let ended = false;
let failed = false;
function run() {
  try {
    while (credits > 0 && !failed) {
      if (current === undefined) {
        const next = inputs.shift();
        if (next === undefined) {
          if (ended) parentPort.postMessage({ end: true, pending: state.pending, consumed: state.consumed });
          ended = false;
          return;
        }
        current = decodeChunk(state, next);
      }
      const r = current.next();
      if (r.done) {
        current = undefined;
        parentPort.postMessage({ decoded: true });
        continue;
      }
      const slice = r.value.byteOffset === 0 ? r.value : new Uint8Array(r.value);
      credits--;
      parentPort.postMessage({ slice: slice.buffer, length: slice.length }, [slice.buffer]);
    }
  } catch (e) {
    failed = true;
    parentPort.postMessage({ corrupt: String((e && e.message) || e), consumed: state.consumed });
  }
}
parentPort.on('message', (m) => {
  if (m.input !== undefined) inputs.push(new Uint8Array(m.input));
  else if (m.end === true) ended = true;
  else if (m.credit === true) credits++;
  run();
});
`;

let bindingPath: string | undefined;

/**
 * unzstdWorker decodes on a worker thread: compressed chunks are copied to it, at most MAX_INPUTS
 * at a time; decoded slices come back (transferred, each in a buffer of its own), at most MAX_SLICES ahead of the
 * consumer, so memory stays bounded whatever the compression ratio.
 */
async function* unzstdWorker(source: AsyncIterable<Uint8Array>, where: ErrorWhere): AsyncGenerator<Buffer> {
  bindingPath ??= createRequire(import.meta.url).resolve('zstd-napi/binding.js');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      binding: bindingPath,
      windowLogMax: ZSTD_WINDOW_LOG_MAX,
      outSize: ZSTD_OUT_SIZE,
      slices: MAX_SLICES,
    },
  });
  const events: WorkerEvent[] = [];
  let wake: (() => void) | undefined;
  let inputWake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const notifyInput = (): void => {
    const w = inputWake;
    inputWake = undefined;
    w?.();
  };
  worker.on('message', (m: FromWorker) => {
    events.push(m);
    notify();
  });
  worker.on('error', (e) => {
    events.push({ failed: e });
    notify();
  });
  let inFlight = 0;
  let stopped = false;
  const pump = async (): Promise<void> => {
    for await (const chunk of source) {
      if (stopped) return;
      const copy = new Uint8Array(chunk);
      worker.postMessage({ input: copy.buffer }, [copy.buffer]);
      inFlight++;
      while (inFlight >= MAX_INPUTS && !stopped) await new Promise<void>((r) => (inputWake = r));
      if (stopped) return;
    }
    worker.postMessage({ end: true });
  };
  pump().catch((e: unknown) => {
    events.push({ failed: e });
    notify();
  });
  try {
    for (;;) {
      const m = events.shift();
      if (m === undefined) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if ('slice' in m) {
        yield Buffer.from(m.slice, 0, m.length);
        worker.postMessage({ credit: true });
      } else if ('decoded' in m) {
        inFlight--;
        notifyInput();
      } else if ('end' in m) {
        if (m.pending !== 0) throw truncated(m.consumed, where);
        return;
      } else if ('corrupt' in m) {
        throw corrupt(m.corrupt, m.consumed, where);
      } else {
        throw m.failed; // the source's error, unchanged, or the worker's crash
      }
    }
  } finally {
    // Stopped early or failed: the pump stops (closing the source) and the worker goes.
    stopped = true;
    notifyInput();
    void worker.terminate();
  }
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
