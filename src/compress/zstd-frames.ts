/**
 * The zstd decoding step shared by the in-thread decoder and the worker: one input chunk in,
 * bounded output slices out, one ZSTD_decompressStream call per slice. It is a self-contained
 * function (no imports, nothing from module scope) because the worker runs its source text.
 */
import type { DCtx } from 'zstd-napi/binding.js';

/** ZstdState is what decoding carries from chunk to chunk. */
export interface ZstdState {
  dctx: DCtx;
  /** out is the current output buffer; slices before outPos were handed out and are never rewritten */
  out: Buffer;
  outPos: number;
  /** size of each output buffer; a fresh one is started once less than minTail is left */
  outSize: number;
  minTail: number;
  /** libzstd's hint: 0 once a frame is complete and flushed, so any other value at the end means truncation */
  pending: number;
  /** compressed bytes consumed so far */
  consumed: number;
}

/**
 * decodeChunk decompresses one input chunk, yielding each output slice as it is produced, so the
 * caller can stop between slices and memory stays bounded on highly compressible data. Errors
 * from libzstd are thrown as they come.
 */
export function* decodeChunk(state: ZstdState, chunk: Uint8Array): Generator<Buffer> {
  let src = chunk;
  for (;;) {
    const room = state.out.length - state.outPos;
    const [pending, produced, consumed] = state.dctx.decompressStream(state.out.subarray(state.outPos), src);
    state.pending = pending;
    state.consumed += consumed;
    src = src.subarray(consumed);
    if (produced > 0) yield state.out.subarray(state.outPos, state.outPos + produced);
    state.outPos += produced;
    if (state.out.length - state.outPos < state.minTail) {
      state.out = Buffer.allocUnsafe(state.outSize);
      state.outPos = 0;
    }
    // Input used up and either a frame just ended or output space was left over: libzstd has
    // flushed all it can. (Calling again after a frame ends would report a new frame's header as
    // pending and misread a complete stream as truncated.)
    if (src.length === 0 && (pending === 0 || produced < room)) return;
  }
}
