/**
 * readTarEntries: the entries of a tar stream without their bodies, for consumers that only need
 * metadata (and content hashes) — the shape of `Layer.entries()`.
 */
import type { LayerEntry } from '../model/layer-entry.js';
import { readTar, type TarReadOptions } from './reader.js';

/**
 * readTarEntries yields each entry of a tar stream. With `hashContents`, a regular file's
 * `contentHash` is already set when its entry is yielded.
 */
export async function* readTarEntries(
  source: AsyncIterable<Uint8Array>,
  opts: TarReadOptions = {},
): AsyncGenerator<LayerEntry> {
  for await (const item of readTar(source, opts)) {
    if (opts.hashContents === true && item.entry.type === 'file') await item.drain();
    yield item.entry;
  }
}
