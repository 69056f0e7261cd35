/**
 * Crafting tar bytes by hand for differential tests: header blocks with any field written as raw
 * bytes (NUL-led octal, base-256, a size on a symlink), PAX and GNU long-name headers, and archives
 * with or without padding and end-of-archive blocks — the shapes real writers never produce.
 */
import { createHash } from 'node:crypto';

/** Field is a numeric field's value: a number (written as zero-padded octal) or raw bytes. */
export type Field = number | Buffer;

/** Header describes one header block; unset fields take ustar defaults. */
export interface Header {
  name: string | Buffer;
  /** the typeflag character: '0' file, '2' symlink, '5' dir, 'x' PAX, 'L' GNU long name… */
  type?: string;
  size?: Field;
  mode?: Field;
  uid?: Field;
  gid?: Field;
  mtime?: Field;
  linkname?: string;
  /** 'gnu' writes GNU's magic (no prefix field), 'ustar' POSIX's */
  magic?: 'ustar' | 'gnu';
}

function put(block: Buffer, offset: number, length: number, value: Field): void {
  if (Buffer.isBuffer(value)) value.copy(block, offset, 0, length);
  else block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
}

/** header renders one 512-byte header block with a correct checksum. */
export function header(h: Header): Buffer {
  const block = Buffer.alloc(512);
  (Buffer.isBuffer(h.name) ? h.name : Buffer.from(h.name)).copy(block, 0, 0, 100);
  put(block, 100, 8, h.mode ?? 0o644);
  put(block, 108, 8, h.uid ?? 0);
  put(block, 116, 8, h.gid ?? 0);
  put(block, 124, 12, h.size ?? 0);
  put(block, 136, 12, h.mtime ?? 1_700_000_000);
  block.write(h.type ?? '0', 156, 1, 'latin1');
  if (h.linkname !== undefined) block.write(h.linkname, 157, 100);
  block.write(h.magic === 'gnu' ? 'ustar  \0' : 'ustar\x0000', 257, 8, 'latin1');
  block.write('root', 265, 32);
  block.write('root', 297, 32);
  return withChecksum(block);
}

/** withChecksum (re)computes a header block's checksum field. */
export function withChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/** padded returns `data` followed by zeros up to a multiple of 512 bytes. */
export function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** member is a header for `data` (size set from it unless the header says otherwise) and the data, padded. */
export function member(h: Header, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([header({ size: body.length, ...h }), padded(body)]);
}

/** paxHeader is a PAX extended header ('x', or 'g' for global) carrying `records`. */
export function paxHeader(records: [string, string | Buffer][], type: 'x' | 'g' = 'x'): Buffer {
  const parts = records.map(([key, value]) => {
    const v = Buffer.isBuffer(value) ? value : Buffer.from(value);
    const body = Buffer.byteLength(key) + v.length + 3;
    let length = body + String(body).length;
    if (String(length).length !== String(body).length) length = body + String(length).length;
    return Buffer.concat([Buffer.from(`${length} ${key}=`), v, Buffer.from('\n')]);
  });
  return member({ name: 'PaxHeaders/entry', type }, Buffer.concat(parts));
}

/** gnuLong is a GNU long name ('L') or long link ('K') header carrying `value`. */
export function gnuLong(type: 'L' | 'K', value: string | Buffer): Buffer {
  const v = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return member({ name: '././@LongLink', type, magic: 'gnu' }, Buffer.concat([v, Buffer.alloc(1)]));
}

/** archive joins members and, unless `end: false`, the two end-of-archive blocks. */
export function archive(parts: Buffer[], opts: { end?: boolean } = {}): Buffer {
  return Buffer.concat([...parts, ...(opts.end === false ? [] : [Buffer.alloc(1024)])]);
}

/** sha256Of is the `sha256:` digest of `data`, as tree and audit print content hashes. */
export function sha256Of(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
