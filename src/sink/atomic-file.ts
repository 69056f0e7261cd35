/**
 * Atomic file output: bytes go to a temporary file beside the target, which is renamed over the
 * target only once it is complete, so a reader never sees half a file and a failure leaves none.
 * The temporary file is removed on every exit path: errors here, signals through removeTempsSync,
 * and a `kill -9` by the next write into the same directory.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sweepLeftovers, tempName, trackTemp, untrackTemp } from '../model/temp-files.js';

/** writeFileAtomic writes `data` to `file` through a temporary sibling and a rename. */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<void> {
  await sweepLeftovers(dirname(file));
  const tmp = tempName(file);
  trackTemp(tmp);
  try {
    const source = data instanceof Uint8Array ? Readable.from([data]) : Readable.from(data);
    await pipeline(source, createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 }));
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
    untrackTemp(tmp);
  }
}
