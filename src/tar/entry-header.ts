/**
 * Entry headers: merging a header block with the extended headers that precede it (PAX records,
 * GNU long names) into a LayerEntry, and reading any sparse map that follows it (old GNU extension
 * blocks, PAX 1.0's map at the start of the data), leaving the input at the entry's stored data.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import type { EntryType, LayerEntry } from '../model/layer-entry.js';
import { BLOCK_SIZE } from './block.js';
import { cleanPath, normalizePath, whiteoutOf } from './entry-path.js';
import type { RawHeader } from './header.js';
import type { PaxOverrides, PaxRecord } from './pax.js';
import type { TarLimits } from './limits.js';
import {
  checkSegmentCount,
  readOldGnuExtension,
  readOldGnuHeaderSparse,
  SparseMapDecoder,
  validateSparseMap,
  type SparseSegment,
} from './sparse.js';
import { truncatedAt, type TarInput } from './tar-input.js';
import { describeTypeflag, entryTypeOf, TYPEFLAG } from './type-flag.js';

/** PendingHeaders collects the extended headers seen since the last entry. */
export interface PendingHeaders {
  /** offset of the first header that belongs to the coming entry */
  firstOffset: number;
  pax?: PaxRecord[];
  longName?: string;
  longLink?: string;
}

/** HeaderEntry is an entry whose headers have been read, with what is needed to read or skip its data. */
export interface HeaderEntry {
  entry: LayerEntry;
  /** bytes of stored data from `dataOffset` on, padding excluded (after any PAX 1.0 sparse map) */
  storedSize: number;
  /** bytes of PAX 1.0 sparse map read before the data */
  mapSize: number;
  /** for sparse files: the stored ranges of the logical content */
  segments?: SparseSegment[];
  /** byte offset of the entry's stored data in the input */
  dataOffset: number;
}

/** EntryBasics are what a header and its extended headers say before any sparse map is read. */
interface EntryBasics {
  rawPath: string;
  type: EntryType;
  storedSize: number;
  size: number;
}

function entryBasics(
  header: RawHeader,
  pending: PendingHeaders,
  pax: PaxOverrides,
  warn: (message: string) => void,
): EntryBasics {
  // Go's archive/tar: a GNU long name overrides the PAX path, which overrides the header's name
  const rawPath = pending.longName ?? pax.path ?? header.name;
  let type: EntryType | undefined = entryTypeOf(header.typeflag);
  if (type === undefined) {
    warn(
      `tar entry "${rawPath}" has unknown type ${describeTypeflag(header.typeflag)}; read as a regular file`,
    );
    type = 'file';
  } else if (header.typeflag === TYPEFLAG.oldFile && rawPath.endsWith('/')) {
    type = 'dir';
  }
  // Go reads no data for header-only types whatever their size field says (a GNU dump dir has data)
  const headerOnly = type !== 'file' && header.typeflag !== TYPEFLAG.gnuDumpDir;
  const declared = pax.size ?? header.size;
  if (headerOnly && declared > 0) {
    warn(
      `tar entry "${rawPath}" (${type}) declares ${declared} bytes of data; read as none, as Go's archive/tar ` +
        'and so every container runtime do (GNU tar would read them as data)',
    );
  }
  const storedSize = headerOnly ? 0 : declared;
  return { rawPath, type, storedSize, size: type === 'file' ? storedSize : 0 };
}

/**
 * resolveEntry merges a header with its extended headers and reads any sparse map. `block` is the
 * header block, read just before; `where` carries its offset.
 */
export async function resolveEntry(
  input: TarInput,
  block: Buffer,
  header: RawHeader,
  pending: PendingHeaders,
  pax: PaxOverrides,
  where: ErrorWhere,
  warn: (message: string) => void,
  limits: TarLimits,
): Promise<HeaderEntry> {
  const basics = entryBasics(header, pending, pax, warn);
  const entryWhere = { ...where, path: basics.rawPath };
  let segments: SparseSegment[] | undefined;
  let mapSize = 0;
  if (header.typeflag === TYPEFLAG.gnuSparse) {
    const sparse = readOldGnuHeaderSparse(block, entryWhere);
    segments = sparse.segments;
    basics.size = sparse.realSize;
    let extended = sparse.extended;
    while (extended) {
      const ext = readOldGnuExtension(await readMapBlock(input, entryWhere), entryWhere);
      checkSegmentCount(segments.length + ext.segments.length, limits, entryWhere);
      segments.push(...ext.segments);
      extended = ext.extended;
    }
  } else if (pax.sparse !== undefined && basics.type === 'file') {
    basics.size = pax.sparse.realSize;
    segments = pax.sparse.segments;
    if (segments === undefined) {
      const decoder = new SparseMapDecoder(entryWhere, limits);
      do {
        if (mapSize >= basics.storedSize) {
          throw new StowageError('CORRUPT_TAR', 'sparse map runs past the entry data', { where: entryWhere });
        }
        mapSize += BLOCK_SIZE;
      } while (!decoder.push(await readMapBlock(input, entryWhere)));
      segments = decoder.segments();
      basics.storedSize -= mapSize;
    }
  }
  if (segments !== undefined) validateSparseMap(segments, basics.size, basics.storedSize, entryWhere);
  return makeEntry(input, basics, header, pending, pax, segments, mapSize, warn);
}

/**
 * resolvePlainEntry is resolveEntry for a header with no extended headers before it and no sparse
 * map (not GNU sparse): nothing more is read, so it needs no waiting.
 */
export function resolvePlainEntry(
  input: TarInput,
  header: RawHeader,
  pending: PendingHeaders,
  warn: (message: string) => void,
): HeaderEntry {
  return makeEntry(
    input,
    entryBasics(header, pending, NO_PAX, warn),
    header,
    pending,
    NO_PAX,
    undefined,
    0,
    warn,
  );
}

const NO_PAX: PaxOverrides = {};

function makeEntry(
  input: TarInput,
  basics: EntryBasics,
  header: RawHeader,
  pending: PendingHeaders,
  pax: PaxOverrides,
  segments: SparseSegment[] | undefined,
  mapSize: number,
  warn: (message: string) => void,
): HeaderEntry {
  const { rawPath, type, size, storedSize } = basics;
  const { path, escapesRoot } = cleanPath(rawPath);
  if (escapesRoot) {
    warn(
      `tar entry "${rawPath}" names a path above the root; read as "${path}", as umoci and containerd ` +
        'apply it (dockerd refuses such a layer)',
    );
  }
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
  const link = pending.longLink ?? pax.linkpath ?? header.linkname;
  if (type === 'symlink') entry.linkTarget = link;
  if (type === 'hardlink') entry.linkTarget = normalizePath(link);
  if (header.devMajor !== undefined) entry.devMajor = header.devMajor;
  if (header.devMinor !== undefined) entry.devMinor = header.devMinor;
  if (pax.xattrs !== undefined) entry.xattrs = pax.xattrs;
  if (segments !== undefined) entry.storedSize = segments.reduce((sum, s) => sum + s.length, 0);
  const whiteout = whiteoutOf(path);
  if (whiteout !== undefined) {
    entry.whiteout = whiteout.whiteout;
    entry.path = whiteout.path;
  }
  return { entry, storedSize, mapSize, segments, dataOffset: input.offset };
}

/** readMapBlock reads one whole block of a sparse map or throws TRUNCATED. */
async function readMapBlock(input: TarInput, where: ErrorWhere): Promise<Buffer> {
  const block = await input.read(BLOCK_SIZE);
  if (block.length < BLOCK_SIZE) throw truncatedAt('tar stream ends inside a sparse map', input, where);
  return block;
}
