/**
 * Decompression by content: sniff the first bytes, then pass plain data through or inflate gzip or
 * zstd. Media types and file names are not trusted (DESIGN §5.1).
 */
import type { ErrorWhere } from '../model/errors.js';
import { gunzip } from './gzip.js';
import { peekBytes, type Peeked } from './peek.js';
import { SNIFF_BYTES, sniffCompression, type Compression } from './sniff.js';
import { unzstd } from './zstd.js';

/** DecompressOptions locates errors: `where` is merged into every error thrown. */
export interface DecompressOptions {
  where?: ErrorWhere;
}

/**
 * decompress yields the uncompressed bytes of a possibly compressed stream. It throws
 * UNSUPPORTED_MEDIA_TYPE for bzip2/xz, CORRUPT_GZIP / CORRUPT_ZSTD for damaged data and TRUNCATED
 * for a stream that ends early.
 */
export async function* decompress(
  source: AsyncIterable<Uint8Array>,
  opts: DecompressOptions = {},
): AsyncGenerator<Buffer> {
  const where = opts.where ?? {};
  const peeked = await peekBytes(source, SNIFF_BYTES);
  const kind = await sniffPeeked(peeked, where);
  const { stream } = peeked;
  if (kind === 'gzip') yield* gunzip(stream, where);
  else if (kind === 'zstd') yield* unzstd(stream, where);
  else yield* stream;
}

/** sniffPeeked sniffs a peeked stream's head; on bad input it closes the stream, then throws. */
export async function sniffPeeked(peeked: Peeked, where: ErrorWhere): Promise<Compression> {
  try {
    return sniffCompression(peeked.head, where);
  } catch (e) {
    await peeked.stream.return(undefined);
    throw e;
  }
}
