/**
 * PAX extended headers: records `LEN KEY=VALUE\n` parsed on bytes (values may hold newlines and
 * binary data), and the overrides they make to the next entry — path, linkpath, size, ids, names,
 * mtime with fractions, `SCHILY.xattr.*` kept as raw bytes, and GNU sparse keys.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import type { TarLimits } from './limits.js';
import { parseSparseMapText, segmentsFromNumbers, type SparseSegment } from './sparse.js';

/** PaxRecord is one `KEY=VALUE` record; `value` is raw bytes. */
export interface PaxRecord {
  key: string;
  value: Buffer;
}

/** PaxSparse is what the GNU.sparse.* keys say about a sparse file (formats 0.0, 0.1 and 1.0). */
export interface PaxSparse {
  /** logical size of the file */
  realSize: number;
  /** the map for formats 0.0 and 0.1; format 1.0 keeps it at the start of the data instead */
  segments?: SparseSegment[];
}

/** PaxOverrides are the entry fields an extended header sets. */
export interface PaxOverrides {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: number;
  xattrs?: Record<string, Buffer>;
  sparse?: PaxSparse;
}

const SPACE = 0x20;
const EQUALS = 0x3d;
const NEWLINE = 0x0a;
const SCHILY_XATTR = 'SCHILY.xattr.';
const LIBARCHIVE_XATTR = 'LIBARCHIVE.xattr.';
const INTEGER_RE = /^\d+$/;
const TIME_RE = /^-?\d+(\.\d+)?$/;

/**
 * parsePaxRecords splits an extended header's data into records. Trailing NUL padding is allowed;
 * anything else that is not a well-formed record is CORRUPT_TAR.
 */
export function parsePaxRecords(data: Buffer, where: ErrorWhere): PaxRecord[] {
  const records: PaxRecord[] = [];
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    const space = data.indexOf(SPACE, pos);
    const lengthText = space === -1 ? '' : data.toString('latin1', pos, space);
    const length = INTEGER_RE.test(lengthText) ? Number(lengthText) : NaN;
    const end = pos + length;
    if (!(length > 0) || end > data.length || data[end - 1] !== NEWLINE) {
      throw malformed(`PAX extended header record at byte ${pos} of the header data is malformed`, where);
    }
    const equals = data.indexOf(EQUALS, space + 1);
    if (equals === -1 || equals >= end - 1 || equals === space + 1) {
      throw malformed(`PAX extended header record at byte ${pos} of the header data has no key`, where);
    }
    records.push({
      key: data.toString('utf8', space + 1, equals),
      value: data.subarray(equals + 1, end - 1),
    });
    pos = end;
  }
  return records;
}

/**
 * resolvePax applies an entry's own records and returns the overrides; an empty value sets nothing.
 * (Global records are not applied: see HeaderWalker.)
 */
export function resolvePax(local: PaxRecord[], where: ErrorWhere, limits: TarLimits): PaxOverrides {
  const values = new Map<string, Buffer>();
  for (const r of local) values.set(r.key, r.value);
  const text = (key: string): string | undefined => {
    const v = values.get(key);
    return v === undefined || v.length === 0 ? undefined : v.toString('utf8');
  };
  const integer = (key: string): number | undefined => {
    const t = text(key);
    if (t === undefined) return undefined;
    const n = Number(t);
    if (!INTEGER_RE.test(t) || !Number.isSafeInteger(n))
      throw malformed(`PAX ${key}="${t}" is not an integer`, where);
    return n;
  };
  const out: PaxOverrides = {};
  const path = text('GNU.sparse.name') ?? text('path');
  if (path !== undefined) out.path = path;
  const linkpath = text('linkpath');
  if (linkpath !== undefined) out.linkpath = linkpath;
  const size = integer('size');
  if (size !== undefined) out.size = size;
  const uid = integer('uid');
  if (uid !== undefined) out.uid = uid;
  const gid = integer('gid');
  if (gid !== undefined) out.gid = gid;
  const uname = text('uname');
  if (uname !== undefined) out.uname = uname;
  const gname = text('gname');
  if (gname !== undefined) out.gname = gname;
  const mtime = text('mtime');
  if (mtime !== undefined) {
    if (!TIME_RE.test(mtime)) throw malformed(`PAX mtime="${mtime}" is not a time`, where);
    out.mtime = Number(mtime);
  }
  const xattrs = collectXattrs(values);
  if (xattrs !== undefined) out.xattrs = xattrs;
  const sparse = resolveSparse(local, text, integer, where, limits);
  if (sparse !== undefined) out.sparse = sparse;
  return out;
}

/** collectXattrs gathers `SCHILY.xattr.NAME` (raw bytes) and libarchive's base64 `LIBARCHIVE.xattr.NAME`. */
function collectXattrs(values: Map<string, Buffer>): Record<string, Buffer> | undefined {
  let xattrs: Record<string, Buffer> | undefined;
  for (const [key, value] of values) {
    if (key.startsWith(LIBARCHIVE_XATTR)) {
      const name = decodeUriOrUndefined(key.slice(LIBARCHIVE_XATTR.length));
      if (name === undefined) continue;
      xattrs ??= {};
      xattrs[name] ??= Buffer.from(value.toString('latin1'), 'base64');
    } else if (key.startsWith(SCHILY_XATTR)) {
      xattrs ??= {};
      xattrs[key.slice(SCHILY_XATTR.length)] = Buffer.from(value);
    }
  }
  return xattrs;
}

function decodeUriOrUndefined(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * resolveSparse reads GNU's sparse keys: 1.0 (`GNU.sparse.major=1`, map in the data), 0.1
 * (`GNU.sparse.map=off,len,…`) and 0.0 (repeated `GNU.sparse.offset`/`GNU.sparse.numbytes` pairs,
 * taken in order from the entry's own records).
 */
function resolveSparse(
  local: PaxRecord[],
  text: (key: string) => string | undefined,
  integer: (key: string) => number | undefined,
  where: ErrorWhere,
  limits: TarLimits,
): PaxSparse | undefined {
  const realSize = integer('GNU.sparse.realsize') ?? integer('GNU.sparse.size');
  if (text('GNU.sparse.major') === '1' && text('GNU.sparse.minor') === '0') {
    if (realSize === undefined) throw malformed('PAX sparse 1.0 header lacks GNU.sparse.realsize', where);
    return { realSize };
  }
  const map = text('GNU.sparse.map');
  if (map !== undefined) {
    if (realSize === undefined) throw malformed('PAX sparse 0.1 header lacks GNU.sparse.size', where);
    return { realSize, segments: parseSparseMapText(map, where, limits) };
  }
  if (realSize === undefined) return undefined;
  const numbers: number[] = [];
  for (const r of local) {
    if (r.key !== 'GNU.sparse.offset' && r.key !== 'GNU.sparse.numbytes') continue;
    const expected = numbers.length % 2 === 0 ? 'GNU.sparse.offset' : 'GNU.sparse.numbytes';
    const t = r.value.toString('latin1');
    if (r.key !== expected || !INTEGER_RE.test(t)) {
      throw malformed(`PAX sparse 0.0 map is malformed at ${r.key}="${t}"`, where);
    }
    numbers.push(Number(t));
  }
  return { realSize, segments: segmentsFromNumbers(numbers, where, limits) };
}

function malformed(detail: string, where: ErrorWhere): StowageError {
  return new StowageError('CORRUPT_TAR', detail, { where, hint: 'the archive is damaged' });
}

/**
 * encodePaxRecords renders records for the writer. The length prefix counts itself, so its digit
 * count is found by iteration.
 */
export function encodePaxRecords(records: PaxRecord[]): Buffer {
  const parts: Buffer[] = [];
  for (const { key, value } of records) {
    const body = Buffer.byteLength(key) + value.length + 3; // ' ', '=', '\n'
    let length = body + String(body).length;
    if (String(length).length !== String(body).length) length = body + String(length).length;
    parts.push(Buffer.from(`${length} ${key}=`), value, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}
