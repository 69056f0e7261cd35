/**
 * HeaderWalker: the part of tar reading that both readers share — it walks headers (ustar, GNU,
 * PAX, v7) from an input, applies extended headers to the entry they precede, and stops at each
 * real entry with its input positioned at the entry's stored data. The caller then reads or skips
 * that data: the streaming reader through its body, the file scanner by seeking past it.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { BLOCK_SIZE, isAllZero, paddingAfter } from './block.js';
import { resolveEntry, resolvePlainEntry, type HeaderEntry, type PendingHeaders } from './entry-header.js';
import { decodeHeader, type RawHeader } from './header.js';
import { limitExceeded, tarLimits, type TarLimits } from './limits.js';
import { parsePaxRecords, resolvePax, type PaxRecord } from './pax.js';
import { dataTruncated, skipExactly, truncatedAt, type TarInput } from './tar-input.js';
import { describeTypeflag, TYPEFLAG } from './type-flag.js';

/**
 * HeaderWalker reads one tar's headers in order. PAX global headers are parsed (a malformed one is
 * an error, as in Go) but not applied: Go's archive/tar hands them out as entries of their own, which
 * containerd and dockerd skip (umoci refuses the layer) — so no state accumulates from entry to entry.
 */
export class HeaderWalker {
  private globalWarned = false;
  private entries = 0;

  constructor(
    private readonly input: TarInput,
    /** location facts (file, layer) added to every error */
    private readonly base: ErrorWhere = {},
    private readonly warn: (message: string) => void = () => {},
    private readonly limits: TarLimits = tarLimits(),
  ) {}

  /**
   * next reads headers up to the next real entry and returns it, with the input at its stored data
   * (after any sparse map); PAX and GNU long-name headers are applied, not returned. At the end of
   * the archive it checks the end-of-archive blocks, reads what follows them, and returns undefined.
   */
  async next(): Promise<HeaderEntry | undefined> {
    const { input, base, warn } = this;
    let pending: PendingHeaders | undefined;
    for (;;) {
      const offset = input.offset;
      const where: ErrorWhere = { ...base, offset };
      const block = await input.read(BLOCK_SIZE);
      if (block.length === 0 && pending === undefined) {
        warn(
          `tar stream ends at byte offset ${offset} without end-of-archive blocks (read as Go's archive/tar reads it)`,
        );
        return undefined;
      }
      if (block.length < BLOCK_SIZE) {
        if (offset === 0 && !hasUstarMagic(block)) throw notTar(block, where);
        throw truncatedAt('tar stream ends inside a header', input, where);
      }
      if (isAllZero(block)) {
        if (pending !== undefined) {
          throw new StowageError('CORRUPT_TAR', 'tar extended header is followed by the end of the archive', {
            where: { ...base, offset: pending.firstOffset },
          });
        }
        await this.finishArchive();
        return undefined;
      }
      const header =
        offset === 0 && looksCompressed(block) ? notTar(block, where) : decodeHeader(block, where);
      if (header.typeflag === TYPEFLAG.paxGlobal) {
        this.ignoreGlobal(parsePaxRecords(await this.readMeta(header, where), where), offset);
        continue;
      }
      pending ??= { firstOffset: offset };
      switch (header.typeflag) {
        case TYPEFLAG.paxLocal:
          pending.pax = parsePaxRecords(await this.readMeta(header, where), where);
          continue;
        case TYPEFLAG.gnuLongName:
          pending.longName = cString(await this.readMeta(header, where));
          continue;
        case TYPEFLAG.gnuLongLink:
          pending.longLink = cString(await this.readMeta(header, where));
          continue;
        case TYPEFLAG.gnuVolume:
          await skipExactly(input, header.size + paddingAfter(header.size), where);
          pending = undefined;
          continue;
      }
      const pax = pending.pax !== undefined ? resolvePax(pending.pax, where, this.limits) : {};
      return this.admit(await resolveEntry(input, block, header, pending, pax, where, warn, this.limits));
    }
  }

  /**
   * nextNow is next's fast path, taken without waiting: when the input has the next header block
   * buffered and it is a plain header (no extended header before it, no sparse map, not the first
   * or an all-zero block), it returns the entry with the input at its
   * data. Otherwise it consumes nothing and returns undefined: use next.
   */
  nextNow(): HeaderEntry | undefined {
    const { input } = this;
    const offset = input.offset;
    if (offset === 0 || input.peekNow === undefined) return undefined;
    const block = input.peekNow(BLOCK_SIZE);
    if (block === undefined || !PLAIN_TYPEFLAGS[block[156] as number] || isAllZero(block)) return undefined;
    const header = decodeHeader(block, { ...this.base, offset });
    input.consumeNow?.(BLOCK_SIZE);
    return this.admit(resolvePlainEntry(input, header, { firstOffset: offset }, this.warn));
  }

  /**
   * skipPast moves the input past an entry that `next` returned: `unread` bytes of its stored data
   * (what the caller did not consume), then the padding to the next block. Padding cut short by the
   * end of the input is accepted, as Go's reader accepts it (umoci 0.4.7's `insert` writes such
   * tars); `next` then reports the missing end-of-archive blocks.
   */
  async skipPast(found: HeaderEntry, unread: number): Promise<void> {
    const { input, base } = this;
    if ((await input.skip(unread)) < unread)
      throw dataTruncated(input, { ...base, path: found.entry.rawPath });
    await input.skip(paddingAfter(found.storedSize + found.mapSize));
  }

  /** admit counts an entry and checks its path and link target against the limits. */
  private admit(found: HeaderEntry): HeaderEntry {
    const { limits } = this;
    const { entry } = found;
    // a name long enough to break a limit is shortened in the message, which stays one line
    const shown =
      entry.rawPath.length > 200
        ? `${entry.rawPath.slice(0, 120)}…${entry.rawPath.slice(-60)}`
        : entry.rawPath;
    const where = { ...this.base, path: shown, offset: entry.offset };
    if (++this.entries > limits.maxEntries) {
      throw limitExceeded('maxEntries', limits, `a layer of more than ${limits.maxEntries} entries`, where);
    }
    for (const name of [entry.rawPath, entry.linkTarget ?? '']) {
      // a string of n UTF-16 units has at most 3n bytes: measure only names that may be too long
      const bytes = name.length * 3 > limits.maxPathBytes ? Buffer.byteLength(name) : 0;
      if (bytes > limits.maxPathBytes) {
        throw limitExceeded('maxPathBytes', limits, `a name of ${bytes} bytes`, where);
      }
    }
    if (entry.path.length >= 2 * limits.maxPathDepth) {
      const depth = entry.path.split('/').length;
      if (depth > limits.maxPathDepth) {
        throw limitExceeded('maxPathDepth', limits, `a path ${depth} levels deep`, where);
      }
    }
    return found;
  }

  /** ignoreGlobal warns, once per archive, about a PAX global header that would change entries. */
  private ignoreGlobal(records: PaxRecord[], offset: number): void {
    if (this.globalWarned || records.every((r) => r.key === 'comment')) return;
    this.globalWarned = true;
    this.warn(
      `tar has a PAX global header at byte offset ${offset} (${records.map((r) => r.key).join(', ')}); ` +
        "ignored, as Go's archive/tar, containerd and dockerd ignore it (GNU tar and Python apply it)",
    );
  }

  /** readMeta reads an extended header's data (and its padding) into memory, copied. */
  private async readMeta(header: RawHeader, where: ErrorWhere): Promise<Buffer> {
    if (header.size > this.limits.maxHeaderBytes) {
      const what = `a tar extended header (type ${describeTypeflag(header.typeflag)}) of ${header.size} bytes`;
      throw limitExceeded('maxHeaderBytes', this.limits, what, where);
    }
    const data = await this.input.read(header.size);
    if (data.length < header.size) {
      throw truncatedAt('tar stream ends inside an extended header', this.input, where);
    }
    const copy = Buffer.from(data);
    await skipExactly(this.input, paddingAfter(header.size), where);
    return copy;
  }

  /**
   * finishArchive runs after the first zero block: it expects a second one, then reads the rest of
   * the input (record padding) so that a digest computed over a stream covers all of it.
   */
  private async finishArchive(): Promise<void> {
    const { input, warn } = this;
    const secondAt = input.offset;
    const second = await input.read(BLOCK_SIZE);
    let reported = true;
    if (second.length === 0) {
      warn(`tar stream ends at byte offset ${secondAt} after a single end-of-archive block`);
    } else if (second.length < BLOCK_SIZE || !isAllZero(second)) {
      warn(
        `tar stream has a lone zero block at byte offset ${secondAt - BLOCK_SIZE}; what follows is ignored`,
      );
    } else {
      reported = false;
    }
    const trailerAt = input.offset;
    for (let piece = await input.take(Number.MAX_SAFE_INTEGER); piece.length > 0;) {
      if (!reported && !isAllZero(piece)) {
        reported = true;
        warn(`tar stream has data after its end-of-archive blocks (from byte offset ${trailerAt}); ignored`);
      }
      piece = await input.take(Number.MAX_SAFE_INTEGER);
    }
  }
}

/** PLAIN_TYPEFLAGS marks the typeflags nextNow may take: all but extended headers, GNU sparse and volume labels. */
const PLAIN_TYPEFLAGS: boolean[] = Array.from(
  { length: 256 },
  (_, t) =>
    t !== TYPEFLAG.paxLocal &&
    t !== TYPEFLAG.paxGlobal &&
    t !== TYPEFLAG.gnuLongName &&
    t !== TYPEFLAG.gnuLongLink &&
    t !== TYPEFLAG.gnuSparse &&
    t !== TYPEFLAG.gnuVolume,
);

/** cString decodes a GNU long name: UTF-8 up to the first NUL. */
function cString(data: Buffer): string {
  const nul = data.indexOf(0);
  return data.toString('utf8', 0, nul === -1 ? data.length : nul);
}

/** hasUstarMagic reports whether a (possibly short) block carries the ustar or GNU magic. */
function hasUstarMagic(block: Buffer): boolean {
  return block.toString('latin1', 257, 262) === 'ustar';
}

/** looksCompressed spots gzip and zstd magic: a layer handed over without decompressing it. */
function looksCompressed(block: Buffer): boolean {
  return (
    (block[0] === 0x1f && block[1] === 0x8b) ||
    (block[0] === 0x28 && block[1] === 0xb5 && block[2] === 0x2f && block[3] === 0xfd)
  );
}

function notTar(block: Buffer, where: ErrorWhere): never {
  throw new StowageError('CORRUPT_TAR', 'data is not a tar archive', {
    where,
    hint: looksCompressed(block)
      ? 'it is gzip or zstd compressed; decompress it first'
      : 'check that the file or layer is a tar archive',
  });
}
