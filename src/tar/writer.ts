/**
 * writeTar: a deterministic tar writer. Each entry becomes a ustar header, preceded by a PAX
 * header only when ustar cannot say it (long or non-ASCII names and links, numbers out of range,
 * fractional or negative mtimes, xattrs). The same input always gives the same bytes.
 */
import { StowageError } from '../model/errors.js';
import type { EntryType } from '../model/layer-entry.js';
import { BLOCK_SIZE, CHECKSUM_LENGTH, CHECKSUM_OFFSET, headerChecksums, paddingAfter } from './block.js';
import { fitsOctal, writeNumeric } from './numeric.js';
import { encodePaxRecords, type PaxRecord } from './pax.js';
import { TYPEFLAG, TYPEFLAG_OF } from './type-flag.js';

/** TarWriteEntry is one entry to write; only `path` and `type` are required. */
export interface TarWriteEntry {
  /** stored as given; a `/` is appended for directories */
  path: string;
  type: EntryType;
  /** permission bits; defaults: 0o755 for directories, 0o777 for symlinks, 0o644 otherwise */
  mode?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  /** seconds since the epoch, fractions and negatives allowed; default 0 */
  mtime?: number;
  /** required for symlinks and hard links */
  linkTarget?: string;
  devMajor?: number;
  devMinor?: number;
  xattrs?: Record<string, Buffer>;
  /** content size of a file; required when `body` is streamed, else taken from `body` */
  size?: number;
  /** a file's content */
  body?: Uint8Array | AsyncIterable<Uint8Array>;
}

const PAX_HEADER_NAME = '././@PaxHeader';
const END_OF_ARCHIVE = 2 * BLOCK_SIZE;

/**
 * writeTar streams a tar archive of `entries`, ending with two zero blocks. A streamed body must
 * deliver exactly `size` bytes (SIZE_MISMATCH otherwise); misuse such as a body on a directory is
 * USAGE.
 */
export async function* writeTar(
  entries: Iterable<TarWriteEntry> | AsyncIterable<TarWriteEntry>,
): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    const size = contentSize(entry);
    yield encodeHeaders(entry, size);
    if (entry.body instanceof Uint8Array) {
      if (size > 0) yield Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength);
    } else if (entry.body !== undefined) {
      yield* streamBody(entry.path, entry.body, size);
    }
    const padding = paddingAfter(size);
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(END_OF_ARCHIVE);
}

/** contentSize checks an entry's body against its type and declared size and returns the size. */
function contentSize(e: TarWriteEntry): number {
  if (e.path === '' || e.path.includes('\0')) throw usage(`tar entry path "${e.path}" is empty or holds NUL`);
  if ((e.type === 'symlink' || e.type === 'hardlink') && e.linkTarget === undefined) {
    throw usage(`tar ${e.type} "${e.path}" needs a linkTarget`);
  }
  if (e.type !== 'file') {
    if (e.body !== undefined || (e.size ?? 0) !== 0)
      throw usage(`tar ${e.type} "${e.path}" cannot have content`);
    return 0;
  }
  if (e.body instanceof Uint8Array) {
    if (e.size !== undefined && e.size !== e.body.length) {
      throw new StowageError(
        'SIZE_MISMATCH',
        `tar entry "${e.path}" declares ${e.size} bytes, body has ${e.body.length}`,
      );
    }
    return e.body.length;
  }
  if (e.body === undefined && (e.size ?? 0) !== 0) throw usage(`tar file "${e.path}" has a size but no body`);
  if (e.body !== undefined && e.size === undefined)
    throw usage(`tar file "${e.path}" streams its body without a size`);
  return e.size ?? 0;
}

async function* streamBody(
  path: string,
  body: AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Buffer> {
  let written = 0;
  for await (const chunk of body) {
    written += chunk.length;
    if (written > size) break;
    if (chunk.length > 0) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (written !== size) {
    throw new StowageError(
      'SIZE_MISMATCH',
      `tar entry "${path}" declares ${size} bytes but its body ${written > size ? 'delivers more' : `delivers ${written}`}`,
    );
  }
}

/** encodeHeaders renders the entry's ustar header, preceded by a PAX header when needed. */
function encodeHeaders(e: TarWriteEntry, size: number): Buffer {
  const pax: PaxRecord[] = [];
  const record = (key: string, value: string | Buffer): void => {
    pax.push({ key, value: typeof value === 'string' ? Buffer.from(value) : value });
  };
  const name = e.type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
  const header = Buffer.alloc(BLOCK_SIZE);
  const split = splitUstarName(name);
  if (split === undefined) record('path', name);
  header.write(split?.name ?? asciiPlaceholder(name, 100), 0, 100, 'latin1');
  header.write(split?.prefix ?? '', 345, 155, 'latin1');

  writeNumeric(header, 100, 8, checkedInteger(e, 'mode', e.mode ?? defaultMode(e.type), 0o7777));
  const uid = checkedInteger(e, 'uid', e.uid ?? 0);
  const gid = checkedInteger(e, 'gid', e.gid ?? 0);
  if (!fitsOctal(uid, 8)) record('uid', String(uid));
  if (!fitsOctal(gid, 8)) record('gid', String(gid));
  writeNumeric(header, 108, 8, uid);
  writeNumeric(header, 116, 8, gid);
  if (!fitsOctal(size, 12)) record('size', String(size));
  writeNumeric(header, 124, 12, size);
  const mtime = e.mtime ?? 0;
  if (!Number.isFinite(mtime) || Math.abs(mtime) > Number.MAX_SAFE_INTEGER)
    throw usage(`tar entry "${e.path}" has mtime ${mtime}`);
  if (!fitsOctal(mtime, 12)) record('mtime', formatTime(mtime));
  writeNumeric(header, 136, 12, Math.floor(mtime));
  header[156] = TYPEFLAG_OF[e.type];

  const link = e.linkTarget ?? '';
  if (!fitsText(link, 100)) record('linkpath', link);
  header.write(fitsText(link, 100) ? link : asciiPlaceholder(link, 100), 157, 100, 'latin1');
  header.write('ustar\x0000', 257, 8, 'latin1');
  for (const [key, value, offset] of [
    ['uname', e.uname ?? '', 265],
    ['gname', e.gname ?? '', 297],
  ] as const) {
    if (!fitsText(value, 31)) record(key, value);
    header.write(fitsText(value, 31) ? value : asciiPlaceholder(value, 31), offset, 32, 'latin1');
  }
  if (e.type === 'char' || e.type === 'block') {
    writeNumeric(header, 329, 8, checkedInteger(e, 'devMajor', e.devMajor ?? 0));
    writeNumeric(header, 337, 8, checkedInteger(e, 'devMinor', e.devMinor ?? 0));
  }
  for (const key of Object.keys(e.xattrs ?? {}).sort())
    record(`SCHILY.xattr.${key}`, (e.xattrs ?? {})[key] as Buffer);
  setChecksum(header);
  if (pax.length === 0) return header;
  const data = encodePaxRecords(pax);
  const paxHeader = Buffer.alloc(BLOCK_SIZE);
  paxHeader.write(PAX_HEADER_NAME, 0, 100, 'latin1');
  writeNumeric(paxHeader, 100, 8, 0o644);
  writeNumeric(paxHeader, 108, 8, 0);
  writeNumeric(paxHeader, 116, 8, 0);
  writeNumeric(paxHeader, 124, 12, data.length);
  writeNumeric(paxHeader, 136, 12, 0);
  paxHeader[156] = TYPEFLAG.paxLocal;
  paxHeader.write('ustar\x0000', 257, 8, 'latin1');
  setChecksum(paxHeader);
  return Buffer.concat([paxHeader, data, Buffer.alloc(paddingAfter(data.length)), header]);
}

/** splitUstarName fits an ASCII name into ustar's name (100) and prefix (155) fields, if it can. */
function splitUstarName(name: string): { name: string; prefix: string } | undefined {
  if (!isAscii(name)) return undefined;
  if (name.length <= 100) return { name, prefix: '' };
  // the prefix must end at a slash; take the longest prefix that fits so the name part is shortest
  for (let i = Math.min(155, name.length - 2); i > 0; i--) {
    if (name[i] === '/' && name.length - i - 1 <= 100)
      return { prefix: name.slice(0, i), name: name.slice(i + 1) };
  }
  return undefined;
}

function fitsText(value: string, length: number): boolean {
  return value.length <= length && isAscii(value);
}

/** isAscii: every character is one byte in UTF-8 (NUL never reaches here; contentSize rejects it). */
function isAscii(value: string): boolean {
  return Buffer.byteLength(value) === value.length;
}

/** asciiPlaceholder is what a ustar field holds when PAX carries the real value: an ASCII approximation. */
function asciiPlaceholder(value: string, length: number): string {
  return value.replace(/[^\p{ASCII}]/gu, '_').slice(0, length);
}

function defaultMode(type: EntryType): number {
  if (type === 'dir') return 0o755;
  if (type === 'symlink') return 0o777;
  return 0o644;
}

function checkedInteger(
  e: TarWriteEntry,
  field: string,
  value: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw usage(`tar entry "${e.path}" has ${field} ${value}, not an integer in 0..${max}`);
  }
  return value;
}

/** formatTime renders seconds for PAX: plain decimal, never exponent notation. */
function formatTime(t: number): string {
  const s = String(t);
  return s.includes('e') ? t.toFixed(9).replace(/\.?0+$/, '') : s;
}

function setChecksum(header: Buffer): void {
  const { unsigned } = headerChecksums(header);
  header.write(`${unsigned.toString(8).padStart(6, '0')}\0 `, CHECKSUM_OFFSET, CHECKSUM_LENGTH, 'latin1');
}

function usage(detail: string): StowageError {
  return new StowageError('USAGE', detail, { hint: 'fix the entry passed to writeTar' });
}
