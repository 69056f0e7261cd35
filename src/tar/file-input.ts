/**
 * FileInput: a TarInput over a file read at offsets through a FileHandle. Skipping only moves the
 * cursor, so a scan that skips entry bodies reads little more than the headers; small reads are
 * served from a read-ahead window, so headers of small neighbouring entries cost one read.
 */
import type { FileHandle } from 'node:fs/promises';
import type { TarInput } from './tar-input.js';

/** WINDOW is how many bytes one positioned read fetches around a small read. */
const WINDOW = 64 * 1024;

const EMPTY = Buffer.alloc(0);

/** FileInput reads a file of known `size` through `fh`; `offset` is the position of the next unread byte. */
export class FileInput implements TarInput {
  /** offset is the file position of the next unread byte */
  offset = 0;
  private window: Buffer = EMPTY;
  private windowStart = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
  ) {}

  /**
   * read returns exactly `n` bytes, or fewer at the end of the file. The result is not reused by
   * later reads.
   */
  async read(n: number): Promise<Buffer> {
    if (!this.buffered(n)) {
      if (n > WINDOW) {
        const out = await this.readAt(this.offset, Math.min(n, this.size - this.offset));
        this.offset += out.length;
        return out;
      }
      await this.refill();
    }
    return this.advance(n);
  }

  /** take returns between 1 and `n` bytes (n > 0), or an empty buffer at the end of the file. */
  async take(n: number): Promise<Buffer> {
    if (!this.buffered(1)) await this.refill();
    return this.advance(n);
  }

  /** skip moves the cursor `n` bytes on, up to the end of the file, and returns how far it moved. */
  skip(n: number): Promise<number> {
    const step = Math.min(n, this.size - this.offset);
    this.offset += step;
    return Promise.resolve(step);
  }

  /** buffered reports whether the window holds the `n` bytes at the cursor. */
  private buffered(n: number): boolean {
    const start = this.offset - this.windowStart;
    return start >= 0 && start + n <= this.window.length;
  }

  /** refill reads a fresh window at the cursor (empty at the end of the file). */
  private async refill(): Promise<void> {
    this.window = await this.readAt(this.offset, Math.min(WINDOW, this.size - this.offset));
    this.windowStart = this.offset;
  }

  /** advance hands out up to `n` bytes of the window at the cursor. */
  private advance(n: number): Buffer {
    const start = this.offset - this.windowStart;
    const piece = this.window.subarray(start, Math.min(start + n, this.window.length));
    this.offset += piece.length;
    return piece;
  }

  /** readAt reads `length` bytes at `position`, fewer if the file turns out shorter. */
  private async readAt(position: number, length: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.fh.read(out, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === length ? out : out.subarray(0, got);
  }
}
