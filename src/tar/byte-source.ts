/**
 * ByteSource: a cursor over an async stream of chunks that reads small exact pieces (headers),
 * hands out body bytes without copying, and skips — so chunk boundaries may fall anywhere and
 * memory stays bounded by the source's chunk size.
 */
import type { TarInput } from './tar-input.js';

const EMPTY = Buffer.alloc(0);

/** ByteSource reads an AsyncIterable of byte chunks; `offset` is the position of the next unread byte. */
export class ByteSource implements TarInput {
  /** offset is the stream position of the next unread byte */
  offset = 0;
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunk: Buffer = EMPTY;
  private pos = 0;
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** fill makes sure unread bytes are buffered; false when the stream has ended. */
  private async fill(): Promise<boolean> {
    while (this.pos >= this.chunk.length) {
      if (this.ended) return false;
      const r = await this.iterator.next();
      if (r.done === true) {
        this.ended = true;
        return false;
      }
      const v = r.value;
      this.chunk = Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      this.pos = 0;
    }
    return true;
  }

  /**
   * read returns exactly `n` bytes, or fewer when the stream ends first. The result may share
   * memory with the source's chunk: use or copy it before reading further.
   */
  async read(n: number): Promise<Buffer> {
    if (this.chunk.length - this.pos >= n) return this.advance(n);
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n && (await this.fill())) {
      const piece = this.advance(Math.min(n - got, this.chunk.length - this.pos));
      piece.copy(out, got);
      got += piece.length;
    }
    return got === n ? out : out.subarray(0, got);
  }

  /** take returns between 1 and `n` bytes without copying (n > 0), or an empty buffer at the end. */
  async take(n: number): Promise<Buffer> {
    if (this.pos >= this.chunk.length && !(await this.fill())) return EMPTY;
    return this.advance(Math.min(n, this.chunk.length - this.pos));
  }

  /** skip discards `n` bytes and returns how many it could (fewer at the end of the stream). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n && (this.pos < this.chunk.length || (await this.fill()))) {
      const step = Math.min(n - skipped, this.chunk.length - this.pos);
      this.pos += step;
      this.offset += step;
      skipped += step;
    }
    return skipped;
  }

  /** available is how many unread bytes the current chunk still holds. */
  get available(): number {
    return this.chunk.length - this.pos;
  }

  /** peekNow returns the next `n` bytes without consuming them when the current chunk holds them all. */
  peekNow(n: number): Buffer | undefined {
    return this.available >= n ? this.chunk.subarray(this.pos, this.pos + n) : undefined;
  }

  /** consumeNow consumes `n` bytes that `available` says the current chunk holds. */
  consumeNow(n: number): Buffer {
    return this.advance(n);
  }

  /** close releases the source when reading stops before its end. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }

  private advance(n: number): Buffer {
    const piece = this.chunk.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return piece;
  }
}
