/**
 * EntryBody: the logical content of one tar entry, produced from the stored bytes — for sparse
 * files with the holes filled by zeros in bounded chunks — and hashed as it goes, so the digest is
 * the same whether the consumer reads the body, part of it, or none of it.
 */
import { createHash, hash as hashOnce, type Hash } from 'node:crypto';
import type { Digest } from '../model/digest.js';
import type { ErrorWhere, StowageError } from '../model/errors.js';
import type { LayerEntry } from '../model/layer-entry.js';
import { paddingAfter } from './block.js';
import type { HeaderEntry } from './entry-header.js';
import type { SparseSegment } from './sparse.js';
import { dataTruncated, type TarInput } from './tar-input.js';

/** ZERO_CHUNK bounds each run of zeros handed out for a sparse file's holes. */
const ZERO_CHUNK = 256 * 1024;

/**
 * MAX_HASHED_HOLES bounds the zeros hashed for a sparse file's content hash: a "sparse bomb" declares
 * terabytes of holes over a few stored bytes. Beyond it the file gets no contentHash (it then
 * matches no other file in waste and duplicate accounting) and its holes are never produced.
 */
export const MAX_HASHED_HOLES = 64 * 1024 * 1024;

/** EntryBodyOptions describe one entry's content. */
export interface EntryBodyOptions {
  /** bytes stored in the archive for this entry (after any sparse map), padding excluded */
  storedSize: number;
  /** logical content size: the stored size, the real size of a sparse file, or 0 for non-files */
  size: number;
  /** for sparse files: the stored ranges of the logical content, in order */
  segments?: SparseSegment[];
  /** the entry: its rawPath and offset locate errors; with `hash`, its contentHash is set */
  entry: LayerEntry;
  /** hash the logical content with sha256, setting `entry.contentHash` at its end */
  hash?: boolean;
  /** location facts (file, layer) for errors */
  where: ErrorWhere;
}

/**
 * entryBody makes the body of an entry the header walker found; `hash` asks for its content hash
 * (regular files only).
 */
export function entryBody(src: TarInput, found: HeaderEntry, hash: boolean, where: ErrorWhere): EntryBody {
  return new EntryBody(src, {
    storedSize: found.storedSize,
    size: found.entry.size,
    segments: found.segments,
    entry: found.entry,
    hash: hash && found.entry.type === 'file' && holeBytes(found) <= MAX_HASHED_HOLES,
    where,
  });
}

/** holeBytes is how many bytes of an entry's logical content are holes (0 unless sparse). */
function holeBytes(found: HeaderEntry): number {
  return found.segments === undefined ? 0 : found.entry.size - (found.entry.storedSize ?? 0);
}

/**
 * finishNow is the fast path of reading past an entry (body and padding) when the input has all of
 * it buffered and it is not sparse: the body is hashed in one call when `hash` asks. It returns
 * false, having consumed nothing, when the entry must be read with an EntryBody.
 */
export function finishNow(src: TarInput, found: HeaderEntry, hash: boolean): boolean {
  if (found.segments !== undefined || found.mapSize !== 0 || src.consumeNow === undefined) return false;
  const padded = found.storedSize + paddingAfter(found.storedSize);
  if ((src.available ?? 0) < padded) return false;
  const body = src.consumeNow(found.storedSize);
  if (hash && found.entry.type === 'file') {
    found.entry.contentHash = `sha256:${hashOnce('sha256', body, 'hex')}` as Digest;
  }
  src.consumeNow(padded - found.storedSize);
  return true;
}

/** EntryBody yields an entry's logical content chunk by chunk and skips whatever is left. */
export class EntryBody {
  private storedLeft: number;
  private pos = 0;
  private segment = 0;
  /** hash is made on the second chunk: a body that comes in one piece is hashed in one call */
  private hash: Hash | undefined;
  private hashing: boolean;

  constructor(
    private readonly src: TarInput,
    private readonly opts: EntryBodyOptions,
  ) {
    this.storedLeft = opts.storedSize;
    this.hashing = opts.hash === true;
  }

  /** next returns the next chunk of logical content, or undefined at its end. */
  async next(): Promise<Buffer | undefined> {
    const { size, segments } = this.opts;
    if (this.pos >= size) {
      this.completeHash();
      return undefined;
    }
    let chunk: Buffer;
    if (segments === undefined) {
      chunk = await this.stored(size - this.pos);
    } else {
      let s = segments[this.segment];
      while (s !== undefined && this.pos >= s.offset + s.length) s = segments[++this.segment];
      if (s === undefined || this.pos < s.offset) {
        chunk = Buffer.alloc(Math.min((s?.offset ?? size) - this.pos, ZERO_CHUNK));
      } else {
        chunk = await this.stored(s.offset + s.length - this.pos);
      }
    }
    this.pos += chunk.length;
    if (this.hashing) {
      if (this.hash === undefined && this.pos === size) {
        this.setDigest(hashOnce('sha256', chunk, 'hex'));
      } else {
        this.hash ??= createHash('sha256');
        this.hash.update(chunk);
      }
    }
    return chunk;
  }

  /**
   * finish consumes what the consumer left: the rest of the content through `next` when hashing,
   * then the stored bytes not yet read.
   */
  async finish(): Promise<void> {
    if (this.hashing) while ((await this.next()) !== undefined);
    const skipped = await this.src.skip(this.storedLeft);
    if (skipped < this.storedLeft) throw this.truncated();
    this.storedLeft = 0;
  }

  private async stored(max: number): Promise<Buffer> {
    const chunk = await this.src.take(Math.min(max, this.storedLeft));
    if (chunk.length === 0) throw this.truncated();
    this.storedLeft -= chunk.length;
    return chunk;
  }

  private completeHash(): void {
    if (!this.hashing) return;
    this.setDigest((this.hash ?? createHash('sha256')).digest('hex'));
  }

  private setDigest(hex: string): void {
    this.hashing = false;
    this.hash = undefined;
    this.opts.entry.contentHash = `sha256:${hex}` as Digest;
  }

  private truncated(): StowageError {
    const { where, entry } = this.opts;
    return dataTruncated(this.src, { ...where, path: entry.rawPath, offset: entry.offset });
  }
}
