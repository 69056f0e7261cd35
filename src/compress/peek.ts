/**
 * Peeking at the head of a byte stream without losing it: sniffers need a few leading bytes, but the
 * first chunk a source yields may be shorter than that (a socket, a test feeding 1-byte chunks).
 */

/** Peeked is the head of a stream plus the whole stream again, head included. */
export interface Peeked {
  /** head holds the first `n` bytes, or all of them if the stream is shorter. */
  head: Buffer;
  /**
   * stream yields every byte of the original stream, from the start; iterate it once. Its return()
   * releases the source even if the stream was never iterated.
   */
  stream: AsyncGenerator<Buffer>;
}

/** peekBytes reads chunks until it has `n` bytes (or the stream ends) and hands back both views. */
export async function peekBytes(source: AsyncIterable<Uint8Array>, n: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await it.next();
    if (r.done === true) {
      done = true;
      break;
    }
    const chunk = asBuffer(r.value);
    chunks.push(chunk);
    have += chunk.length;
  }
  const first = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return { head: first.subarray(0, n), stream: replay(chunks, it, done) };
}

/**
 * replay yields the peeked chunks, then the rest of the source. A generator's finally does not run
 * when it is returned before its first next(), so return() is wrapped to close the source then too
 * (a FileHandle would otherwise stay open until garbage collection).
 */
function replay(chunks: Buffer[], it: AsyncIterator<Uint8Array>, done: boolean): AsyncGenerator<Buffer> {
  const gen = replayChunks(chunks, it, done);
  let started = false;
  const next = gen.next.bind(gen);
  const finish = gen.return.bind(gen);
  gen.next = (...args) => {
    started = true;
    return next(...args);
  };
  gen.return = async (value) => {
    if (!started && !done) {
      started = true;
      await it.return?.();
    }
    return finish(value);
  };
  return gen;
}

async function* replayChunks(
  chunks: Buffer[],
  it: AsyncIterator<Uint8Array>,
  done: boolean,
): AsyncGenerator<Buffer> {
  let finished = done;
  try {
    yield* chunks.splice(0);
    while (!finished) {
      const r = await it.next();
      if (r.done === true) finished = true;
      else yield asBuffer(r.value);
    }
  } finally {
    // Stopped early (or failed downstream): let the source release its file or socket.
    if (!finished) await it.return?.();
  }
}

/** asBuffer views a Uint8Array as a Buffer without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
