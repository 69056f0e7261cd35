/**
 * Decoding on a worker thread, shared by gzip and zstd. The main thread parses tar and stacks
 * layers; if it also had to hand each chunk back to the decoder (as node:zlib's streams do: the next
 * inflate call is queued only when the main thread runs the previous one's callback), every busy
 * moment or garbage collection there would stall the decoder. On a worker of its own the decoder
 * runs ahead, bounded by credits, and its garbage is its own. The worker can also hash what it
 * sees — the compressed input (a blob digest) and the decoded output (a diff_id) — so those two
 * sha256 passes leave the main thread too.
 *
 * Protocol (the host program below implements the worker's side around a codec's `open`; input
 * batches and the session follow worker-session.ts):
 *   to the worker:   { start: true, inputHash?, outputHash? } | { input: ArrayBuffer, length }
 *                    | { end: true } | { credit: n }
 *   from the worker: { slice: ArrayBuffer, length } | { decoded: ArrayBuffer }
 *                    | { end: true, pending, consumed, inputDigest?, outputDigest? }
 *                    | { corrupt: message, code?, consumed }
 * Slices are transferred (each in a buffer of its own), at most `slices` ahead of the consumer,
 * whose credits go back in batches (a message costs tens of microseconds). Input buffers go back
 * once decoded and are reused: the worker allocates little, so its garbage collector would
 * otherwise leave spent input buffers (tens of megabytes) unreclaimed.
 */
import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm } from '../model/digest.js';
import { peekBytes } from './peek.js';
import { leaseWorker, runWorkerSession, type WorkerLease } from './worker-session.js';

/**
 * DecoderWorkerSpec names a codec and what its worker is started with. `codec` is CommonJS source
 * text defining `function open(out)`, which returns `{ write(bytes, done), end(), pause(), resume() }`
 * and reports through `out.slice(bytes, owned)` (owned: the bytes' buffer is theirs alone and may
 * be transferred), `out.end(pending, consumed)` and `out.corrupt(message, code, consumed)`. It can
 * use `require` and `workerData`.
 */
export interface DecoderWorkerSpec {
  codec: string;
  /** passed as workerData; it must include `slices`, the number of slices sent ahead */
  workerData: { slices: number } & Record<string, unknown>;
}

/** StreamHashes asks the worker to hash the compressed input and/or the decoded output. */
export interface StreamHashes {
  input?: DigestAlgorithm;
  output?: DigestAlgorithm;
}

/** DecoderEnd is the worker's report at the end of a stream. */
export interface DecoderEnd {
  /** bytes the decoder still expected (zstd: non-zero means the stream ended inside a frame) */
  pending: number;
  /** compressed bytes consumed */
  consumed: number;
  /** hex digests, when asked for */
  inputDigest?: string;
  outputDigest?: string;
}

/** DecoderFailure is the worker's report of bad input. */
export interface DecoderFailure {
  message: string;
  /** the decoder's own error code, when it has one (zlib's Z_DATA_ERROR, Z_BUF_ERROR, …) */
  code?: string;
  consumed: number;
}

/** DecoderHandlers turn the worker's end and failure reports into the caller's errors. */
export interface DecoderHandlers {
  /** checks the end report; throws if the stream was incomplete */
  onEnd: (end: DecoderEnd) => void;
  /** makes the error thrown for corrupt input */
  onCorrupt: (failure: DecoderFailure) => unknown;
}

type FromWorker =
  | { slice: ArrayBuffer; length: number }
  | ({ end: true } & DecoderEnd)
  | ({ corrupt: string } & Omit<DecoderFailure, 'message'>);

/** OFF_THREAD_ABOVE: streams with more compressed bytes than this are decoded on a worker. */
export const OFF_THREAD_ABOVE = 4 * 1024 * 1024;

/** OffThreadOptions tune where a decoder runs. */
export interface OffThreadOptions {
  /** decode on a worker thread once the stream has more compressed bytes than this (default 4 MiB) */
  offThreadAbove?: number;
}

/**
 * decodeBySize peeks at up to the threshold's worth of `source` and decodes it with `onWorker` if
 * it is longer, with `here` (on this thread) if not: a worker is not worth starting for a small
 * stream.
 */
export async function* decodeBySize(
  source: AsyncIterable<Uint8Array>,
  opts: OffThreadOptions,
  onWorker: (stream: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>,
  here: (stream: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>,
): AsyncGenerator<Buffer> {
  const above = opts.offThreadAbove ?? OFF_THREAD_ABOVE;
  const { head, stream } = await peekBytes(source, above + 1);
  yield* head.length > above ? onWorker(stream) : here(stream);
}

const host = (codec: string): string => `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
${codec}
let decoder, credits, inputHash, outputHash;
const hex = (h) => (h === undefined ? undefined : h.digest('hex'));
// Hashing and sending wait for a microtask: a codec driving libuv's pool (zlib) reports a slice
// before it queues its next piece of work, and that work should not wait for the hash.
const out = {
  slice(bytes, owned) {
    const own = owned ? bytes : new Uint8Array(bytes);
    queueMicrotask(() => {
      if (outputHash !== undefined) outputHash.update(own);
      parentPort.postMessage({ slice: own.buffer, length: own.length }, [own.buffer]);
    });
    if (--credits <= 0) decoder.pause();
  },
  // after the slices already reported (microtasks run in order)
  end(pending, consumed) {
    queueMicrotask(() => parentPort.postMessage({ end: true, pending, consumed,
      inputDigest: hex(inputHash), outputDigest: hex(outputHash) }));
  },
  corrupt(message, code, consumed) {
    queueMicrotask(() => parentPort.postMessage({ corrupt: message, code, consumed }));
  },
};
parentPort.on('message', (m) => {
  if (m.start === true) {
    credits = workerData.slices;
    inputHash = m.inputHash === undefined ? undefined : createHash(m.inputHash);
    outputHash = m.outputHash === undefined ? undefined : createHash(m.outputHash);
    decoder = open(out);
  } else if (m.input !== undefined) {
    const bytes = new Uint8Array(m.input, 0, m.length);
    // the buffer goes back after this turn, once the hash below has read it
    decoder.write(bytes, () => queueMicrotask(() => parentPort.postMessage({ decoded: m.input }, [m.input])));
    if (inputHash !== undefined) inputHash.update(bytes);
  } else if (m.end === true) decoder.end();
  else if (m.credit !== undefined && (credits += m.credit) > 0) decoder.resume();
});
`;

const startDecoder = (spec: DecoderWorkerSpec): Worker =>
  new Worker(host(spec.codec), { eval: true, workerData: spec.workerData });

/** leaseDecoder takes (or starts) a worker for a decodeOnWorker session of `spec` to come. */
export function leaseDecoder(spec: DecoderWorkerSpec): WorkerLease {
  return leaseWorker(spec.codec, () => startDecoder(spec));
}

/**
 * decodeOnWorker decodes `source` with the codec of `spec`, yielding the decoded slices in order,
 * on the worker of `lease` if given (from leaseDecoder with the same spec). Errors of `source`
 * pass through unchanged; the worker's reports go through `handlers`.
 */
export function decodeOnWorker(
  source: AsyncIterable<Uint8Array>,
  spec: DecoderWorkerSpec,
  handlers: DecoderHandlers,
  hashes: StreamHashes = {},
  lease?: WorkerLease,
): AsyncGenerator<Buffer> {
  const creditBatch = Math.max(1, spec.workerData.slices >> 1);
  let consumed = 0;
  return runWorkerSession<Buffer>({
    key: spec.codec,
    create: () => startDecoder(spec),
    lease,
    start: { start: true, inputHash: hashes.input, outputHash: hashes.output },
    source,
    onMessage: (message) => {
      const m = message as FromWorker;
      if ('slice' in m) return { items: [Buffer.from(m.slice, 0, m.length)] };
      if ('corrupt' in m)
        throw handlers.onCorrupt({ message: m.corrupt, code: m.code, consumed: m.consumed });
      handlers.onEnd(m);
      return { done: true };
    },
    onConsumed: (worker) => {
      if (++consumed < creditBatch) return;
      worker.postMessage({ credit: consumed });
      consumed = 0;
    },
  });
}
