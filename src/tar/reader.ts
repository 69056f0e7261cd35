/**
 * readTar: the streaming tar reader. It walks headers with HeaderWalker (ustar, GNU, PAX, v7) and
 * yields one item per real entry with its body streamed on demand — memory stays bounded whatever
 * the entry sizes and wherever chunk boundaries fall.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import type { LayerItem } from '../model/image.js';
import { ByteSource } from './byte-source.js';
import { entryBody, type EntryBody } from './entry-body.js';
import { HeaderWalker } from './header-walker.js';
import type { TarLimits } from './limits.js';

/** TarReadOptions tune readTar. */
export interface TarReadOptions {
  /** set `entry.contentHash` (sha256 of the logical content) on regular files */
  hashContents?: boolean;
  /** receives recoverable problems, e.g. a stream without end-of-archive blocks */
  onWarning?: (message: string) => void;
  /** location facts (file, layer) added to every error */
  where?: ErrorWhere;
  /** bounds on the input (default: tarLimits(), the documented defaults or their variables) */
  limits?: TarLimits;
}

/** TarItem is an entry, its body, and where its stored data starts in the uncompressed stream. */
export interface TarItem extends LayerItem {
  /** byte offset of the entry's stored data (after any sparse map) in the uncompressed stream */
  dataOffset: number;
  /**
   * drain reads the rest of the body without handing it out (setting contentHash when hashing);
   * cheaper than iterating body() for consumers that only want the hash.
   */
  drain(): Promise<void>;
}

/**
 * readTar yields one item per entry of a tar stream. PAX and GNU long-name headers are applied,
 * not yielded. `item.body()` is valid until the next item is requested; an unread body is skipped.
 * With `hashContents`, a regular file's `contentHash` is set once its body has been read to the
 * end, and at the latest before the next item is yielded.
 */
export async function* readTar(
  source: AsyncIterable<Uint8Array>,
  opts: TarReadOptions = {},
): AsyncGenerator<TarItem> {
  const src = new ByteSource(source);
  const base = opts.where ?? {};
  const walker = new HeaderWalker(src, base, opts.onWarning, opts.limits);
  try {
    for (let found = await walker.next(); found !== undefined; found = await walker.next()) {
      const { entry } = found;
      const body = entryBody(src, found, opts.hashContents === true, base);
      let current = true;
      yield {
        entry,
        dataOffset: found.dataOffset,
        body: () => bodyIterable(body, () => current, entry.rawPath),
        drain: () => body.finish(),
      };
      current = false;
      await body.finish();
      await walker.skipPast(found, 0);
    }
  } finally {
    await src.close();
  }
}

/** bodyIterable exposes an entry's content to the consumer while the entry is current. */
function bodyIterable(body: EntryBody, isCurrent: () => boolean, path: string): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<Buffer>> => {
        if (!isCurrent()) {
          throw new StowageError(
            'INTERNAL',
            `body of tar entry "${path}" read after the next entry was requested`,
            {
              hint: 'read each body before asking for the next item',
            },
          );
        }
        const value = await body.next();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
    }),
  };
}
