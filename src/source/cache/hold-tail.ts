/**
 * holdTail: pass a stream through one chunk behind, so that whatever must happen once the whole
 * stream has been seen (a digest check that throws, a rename into the cache) happens before the
 * reader gets the last chunk. A reader that stops at the last chunk then still leaves a finished
 * cache entry, and a bad download fails before its end is ever used.
 */

/** holdTail yields `source` one chunk behind and runs `beforeLast` before releasing the last one. */
export async function* holdTail(
  source: AsyncIterable<Buffer>,
  beforeLast?: () => Promise<void>,
): AsyncGenerator<Buffer> {
  let held: Buffer | undefined;
  for await (const chunk of source) {
    if (held !== undefined) yield held;
    held = chunk;
  }
  await beforeLast?.();
  if (held !== undefined) yield held;
}
