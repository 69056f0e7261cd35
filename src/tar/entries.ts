/**
 * readTarEntries: the entries of a tar stream without their bodies, for consumers that only need
 * metadata (and content hashes) — the shape of `Layer.entries()`. Layers hold tens of thousands of
 * small entries, so an entry whose header and data are already buffered is read without awaiting
 * anything (HeaderWalker.nextNow, finishNow); the rest take readTar's path.
 */
import type { LayerEntry } from '../model/layer-entry.js';
import { ByteSource } from './byte-source.js';
import { entryBody, finishNow } from './entry-body.js';
import { HeaderWalker } from './header-walker.js';
import type { TarReadOptions } from './reader.js';

/**
 * readTarEntries yields each entry of a tar stream. With `hashContents`, a regular file's
 * `contentHash` is already set when its entry is yielded.
 */
export async function* readTarEntries(
  source: AsyncIterable<Uint8Array>,
  opts: TarReadOptions = {},
): AsyncGenerator<LayerEntry> {
  const src = new ByteSource(source);
  const base = opts.where ?? {};
  const walker = new HeaderWalker(src, base, opts.onWarning, opts.limits);
  const hash = opts.hashContents === true;
  try {
    for (;;) {
      const found = walker.nextNow() ?? (await walker.next());
      if (found === undefined) return;
      if (!finishNow(src, found, hash)) {
        await entryBody(src, found, hash, base).finish();
        await walker.skipPast(found, 0);
      }
      yield found.entry;
    }
  } finally {
    await src.close();
  }
}
