/**
 * readTar: the streaming tar reader. It walks headers (ustar, GNU, PAX, v7), applies extended
 * headers to the entry they precede, and yields one item per real entry with its body streamed on
 * demand — memory stays bounded whatever the entry sizes and wherever chunk boundaries fall.
 */
import { createHash } from 'node:crypto';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import type { LayerItem } from '../model/image.js';
import type { EntryType, LayerEntry } from '../model/layer-entry.js';
import { BLOCK_SIZE, isAllZero, paddingAfter } from './block.js';
import { ByteSource } from './byte-source.js';
import { EntryBody } from './entry-body.js';
import { normalizePath, whiteoutOf } from './entry-path.js';
import { decodeHeader, type RawHeader } from './header.js';
import { mergeGlobal, parsePaxRecords, resolvePax, type PaxOverrides, type PaxRecord } from './pax.js';
import {
  readOldGnuExtension,
  readOldGnuHeaderSparse,
  SparseMapDecoder,
  validateSparseMap,
  MAX_SPARSE_SEGMENTS,
  type SparseSegment,
} from './sparse.js';
import { describeTypeflag, entryTypeOf, TYPEFLAG } from './type-flag.js';

/** TarReadOptions tune readTar. */
export interface TarReadOptions {
  /** set `entry.contentHash` (sha256 of the logical content) on regular files */
  hashContents?: boolean;
  /** receives recoverable problems, e.g. a stream without end-of-archive blocks */
  onWarning?: (message: string) => void;
  /** location facts (file, layer) added to every error */
  where?: ErrorWhere;
}

/** TarItem is an entry, its body, and where its stored data starts in the uncompressed stream. */
export interface TarItem extends LayerItem {
  /** byte offset of the entry's stored data (after any sparse map) in the uncompressed stream */
  dataOffset: number;
}

/** MAX_META_SIZE bounds PAX and GNU long-name data, which is held in memory. */
const MAX_META_SIZE = 8 * 1024 * 1024;

/** Pending collects the extended headers seen since the last entry. */
interface Pending {
  firstOffset: number;
  pax?: PaxRecord[];
  longName?: string;
  longLink?: string;
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
  const warn = opts.onWarning ?? (() => {});
  const globals = new Map<string, Buffer>();
  let pending: Pending | undefined;
  try {
    for (;;) {
      const offset = src.offset;
      const where: ErrorWhere = { ...base, offset };
      const block = await src.read(BLOCK_SIZE);
      if (block.length === 0 && pending === undefined) {
        warn(`tar stream ends at byte offset ${offset} without end-of-archive blocks`);
        return;
      }
      if (block.length < BLOCK_SIZE) {
        if (offset === 0 && !hasUstarMagic(block)) throw notTar(block, where);
        throw truncated('tar stream ends inside a header', src, where);
      }
      if (isAllZero(block)) {
        if (pending !== undefined) {
          throw new StowageError('CORRUPT_TAR', 'tar extended header is followed by the end of the archive', {
            where: { ...base, offset: pending.firstOffset },
          });
        }
        await finishArchive(src, warn);
        return;
      }
      const header =
        offset === 0 && looksCompressed(block) ? notTar(block, where) : decodeHeader(block, where);
      if (header.typeflag === TYPEFLAG.paxGlobal) {
        mergeGlobal(globals, parsePaxRecords(await readMeta(src, header, where), where));
        continue;
      }
      pending ??= { firstOffset: offset };
      switch (header.typeflag) {
        case TYPEFLAG.paxLocal:
          pending.pax = parsePaxRecords(await readMeta(src, header, where), where);
          continue;
        case TYPEFLAG.gnuLongName:
          pending.longName = cString(await readMeta(src, header, where));
          continue;
        case TYPEFLAG.gnuLongLink:
          pending.longLink = cString(await readMeta(src, header, where));
          continue;
        case TYPEFLAG.gnuVolume:
          await skipData(src, header.size + paddingAfter(header.size), where);
          pending = undefined;
          continue;
      }
      const pax =
        pending.pax !== undefined || globals.size > 0 ? resolvePax(globals, pending.pax ?? [], where) : {};
      const prepared = await prepareEntry(src, block, header, pending, pax, where, warn);
      pending = undefined;
      const { entry } = prepared;
      const body = new EntryBody(src, {
        storedSize: prepared.storedSize,
        size: entry.size,
        segments: prepared.segments,
        hash: opts.hashContents === true && entry.type === 'file' ? createHash('sha256') : undefined,
        onDigest: (d) => (entry.contentHash = d),
        where: { ...base, path: entry.rawPath, offset: entry.offset },
      });
      let current = true;
      yield {
        entry,
        dataOffset: prepared.dataOffset,
        body: () => bodyIterable(body, () => current, entry.rawPath),
      };
      current = false;
      await body.finish();
      await skipData(src, paddingAfter(prepared.storedSize + prepared.mapSize), where);
    }
  } finally {
    await src.close();
  }
}

/** Prepared is an entry ready to yield, with what is needed to stream its data. */
interface Prepared {
  entry: LayerEntry;
  storedSize: number;
  /** bytes of PAX 1.0 sparse map read before the data */
  mapSize: number;
  segments?: SparseSegment[];
  dataOffset: number;
}

/**
 * prepareEntry merges a header with its extended headers and reads any sparse map. `block` is the
 * header block, read before anything else is read from `src`.
 */
async function prepareEntry(
  src: ByteSource,
  block: Buffer,
  header: RawHeader,
  pending: Pending,
  pax: PaxOverrides,
  where: ErrorWhere,
  warn: (message: string) => void,
): Promise<Prepared> {
  const rawPath = pax.path ?? pending.longName ?? header.name;
  const entryWhere = { ...where, path: rawPath };
  let type: EntryType | undefined = entryTypeOf(header.typeflag);
  if (type === undefined) {
    warn(
      `tar entry "${rawPath}" has unknown type ${describeTypeflag(header.typeflag)}; read as a regular file`,
    );
    type = 'file';
  } else if (header.typeflag === TYPEFLAG.oldFile && rawPath.endsWith('/')) {
    type = 'dir';
  }
  let storedSize = header.typeflag === TYPEFLAG.dir ? 0 : (pax.size ?? header.size);
  let size = type === 'file' ? storedSize : 0;
  let segments: SparseSegment[] | undefined;
  let mapSize = 0;
  if (header.typeflag === TYPEFLAG.gnuSparse) {
    const sparse = readOldGnuHeaderSparse(block, entryWhere);
    segments = sparse.segments;
    size = sparse.realSize;
    let extended = sparse.extended;
    while (extended) {
      const ext = readOldGnuExtension(await readBlock(src, entryWhere), entryWhere);
      if (segments.length + ext.segments.length > MAX_SPARSE_SEGMENTS) {
        throw new StowageError('CORRUPT_TAR', 'sparse map has too many segments', { where: entryWhere });
      }
      segments.push(...ext.segments);
      extended = ext.extended;
    }
  } else if (pax.sparse !== undefined && type === 'file') {
    size = pax.sparse.realSize;
    segments = pax.sparse.segments;
    if (segments === undefined) {
      const decoder = new SparseMapDecoder(entryWhere);
      do {
        if (mapSize >= storedSize) {
          throw new StowageError('CORRUPT_TAR', 'sparse map runs past the entry data', { where: entryWhere });
        }
        mapSize += BLOCK_SIZE;
      } while (!decoder.push(await readBlock(src, entryWhere)));
      segments = decoder.segments();
      storedSize -= mapSize;
    }
  }
  if (segments !== undefined) validateSparseMap(segments, size, storedSize, entryWhere);
  const path = normalizePath(rawPath);
  const entry: LayerEntry = {
    path,
    rawPath,
    type,
    size,
    mode: header.mode & 0o7777,
    uid: pax.uid ?? header.uid,
    gid: pax.gid ?? header.gid,
    mtime: pax.mtime ?? header.mtime,
    offset: pending.firstOffset,
  };
  const uname = pax.uname ?? header.uname;
  if (uname !== '') entry.uname = uname;
  const gname = pax.gname ?? header.gname;
  if (gname !== '') entry.gname = gname;
  const link = pax.linkpath ?? pending.longLink ?? header.linkname;
  if (type === 'symlink') entry.linkTarget = link;
  if (type === 'hardlink') entry.linkTarget = normalizePath(link);
  if (header.devMajor !== undefined) entry.devMajor = header.devMajor;
  if (header.devMinor !== undefined) entry.devMinor = header.devMinor;
  if (pax.xattrs !== undefined) entry.xattrs = pax.xattrs;
  const whiteout = whiteoutOf(path);
  if (whiteout !== undefined) {
    entry.whiteout = whiteout.whiteout;
    entry.path = whiteout.path;
  }
  return { entry, storedSize, mapSize, segments, dataOffset: src.offset };
}

/** readBlock reads one whole block or throws TRUNCATED. */
async function readBlock(src: ByteSource, where: ErrorWhere): Promise<Buffer> {
  const block = await src.read(BLOCK_SIZE);
  if (block.length < BLOCK_SIZE) throw truncated('tar stream ends inside a sparse map', src, where);
  return block;
}

/** readMeta reads an extended header's data (and its padding) into memory, copied. */
async function readMeta(src: ByteSource, header: RawHeader, where: ErrorWhere): Promise<Buffer> {
  if (header.size > MAX_META_SIZE) {
    throw new StowageError(
      'CORRUPT_TAR',
      `tar extended header ${describeTypeflag(header.typeflag)} of ${header.size} bytes exceeds the ${MAX_META_SIZE}-byte limit`,
      { where, hint: 'the archive is damaged' },
    );
  }
  const data = await src.read(header.size);
  if (data.length < header.size) throw truncated('tar stream ends inside an extended header', src, where);
  const copy = Buffer.from(data);
  await skipData(src, paddingAfter(header.size), where);
  return copy;
}

/** skipData skips `n` bytes that must be present. */
async function skipData(src: ByteSource, n: number, where: ErrorWhere): Promise<void> {
  if ((await src.skip(n)) < n) throw truncated('tar stream ends inside an entry', src, where);
}

/** cString decodes a GNU long name: UTF-8 up to the first NUL. */
function cString(data: Buffer): string {
  const nul = data.indexOf(0);
  return data.toString('utf8', 0, nul === -1 ? data.length : nul);
}

/**
 * finishArchive runs after the first zero block: it expects a second one, then reads the rest of
 * the stream (record padding) so that a digest computed over the stream covers all of it.
 */
async function finishArchive(src: ByteSource, warn: (message: string) => void): Promise<void> {
  const secondAt = src.offset;
  const second = await src.read(BLOCK_SIZE);
  let reported = true;
  if (second.length === 0) {
    warn(`tar stream ends at byte offset ${secondAt} after a single end-of-archive block`);
  } else if (second.length < BLOCK_SIZE || !isAllZero(second)) {
    warn(`tar stream has a lone zero block at byte offset ${secondAt - BLOCK_SIZE}; what follows is ignored`);
  } else {
    reported = false;
  }
  const trailerAt = src.offset;
  for (let piece = await src.take(Number.MAX_SAFE_INTEGER); piece.length > 0;) {
    if (!reported && !isAllZero(piece)) {
      reported = true;
      warn(`tar stream has data after its end-of-archive blocks (from byte offset ${trailerAt}); ignored`);
    }
    piece = await src.take(Number.MAX_SAFE_INTEGER);
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

function truncated(detail: string, src: ByteSource, where: ErrorWhere): StowageError {
  return new StowageError('TRUNCATED', detail, {
    where: { ...where, offset: src.offset },
    hint: 'the archive or layer is incomplete; fetch or copy it again',
  });
}
