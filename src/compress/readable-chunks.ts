/**
 * readableChunks: a faster async iteration of a byte Readable. Node's own `for await` over a
 * Readable costs a read() call and a promise per chunk (~30% of gunzip time at 1 GB); this takes
 * chunks from 'data' events into a small queue and yields everything queued before awaiting again.
 * The stream is paused while the queue is full, so memory stays bounded.
 */
import type { Readable } from 'node:stream';

/** MAX_QUEUED chunks may wait for the consumer before the stream is paused. */
const MAX_QUEUED = 4;

/** readableChunks yields a Readable's chunks in order; its error is thrown; stopping early destroys it. */
export async function* readableChunks(stream: Readable): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let ended = false;
  let failed: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length >= MAX_QUEUED) stream.pause();
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error: unknown) => {
    failed = { error };
    notify();
  });
  stream.on('close', () => {
    if (!ended && failed === undefined) failed = { error: new Error('stream closed before its end') };
    notify();
  });
  try {
    for (;;) {
      // Chunks already queued are delivered before an error: they were produced before it happened.
      while (queue.length > 0) {
        yield queue.shift()!;
        if (stream.isPaused() && queue.length === 0) stream.resume();
      }
      if (failed !== undefined) throw failed.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!ended) stream.destroy();
  }
}
