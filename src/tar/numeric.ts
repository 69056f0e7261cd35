/**
 * Numeric header fields: octal text (the ustar form) and GNU's base-256 form, which holds values too
 * large for octal (sizes over 8 GiB, uids over 2097151) and negative times.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';

const SPACE = 0x20;

/**
 * parseNumeric decodes the numeric field `buf[start, start+length)` as Go's archive/tar does (the
 * reader every container runtime uses): base-256 when the first byte has its high bit set; else
 * octal text after trimming spaces and NULs from both ends, up to the first NUL left inside; an
 * empty field is 0. Throws CORRUPT_TAR naming `field` when the field holds anything else or a value
 * beyond Number.MAX_SAFE_INTEGER.
 */
export function parseNumeric(
  buf: Uint8Array,
  start: number,
  length: number,
  field: string,
  where: ErrorWhere,
): number {
  const first = buf[start] as number;
  if ((first & 0x80) !== 0) return parseBase256(buf, start, length, field, where);
  const value = parseOctalText(buf, start, length);
  if (value === undefined) throw badField(field, buf, start, length, where);
  return value;
}

/**
 * parseOctalText is Go's parseOctal: trim `" \x00"` from both ends, cut at the first NUL, parse
 * octal digits. Returns undefined for any other byte or a value beyond Number.MAX_SAFE_INTEGER.
 */
export function parseOctalText(buf: Uint8Array, start: number, length: number): number | undefined {
  let i = start;
  let end = start + length;
  while (i < end && (buf[i] === SPACE || buf[i] === 0)) i++;
  while (end > i && (buf[end - 1] === SPACE || buf[end - 1] === 0)) end--;
  let value = 0;
  for (; i < end && buf[i] !== 0; i++) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 7) return undefined;
    value = value * 8 + d;
  }
  return value > Number.MAX_SAFE_INTEGER ? undefined : value;
}

/** parseBase256 decodes GNU's two's-complement big-endian form; bit 0x40 of the first byte is the sign. */
function parseBase256(
  buf: Uint8Array,
  start: number,
  length: number,
  field: string,
  where: ErrorWhere,
): number {
  const negative = ((buf[start] as number) & 0x40) !== 0;
  const invert = negative ? 0xff : 0;
  let value = 0;
  for (let i = 0; i < length; i++) {
    let c = (buf[start + i] as number) ^ invert;
    if (i === 0) c &= 0x7f;
    value = value * 256 + c;
    if (value > Number.MAX_SAFE_INTEGER) throw badField(field, buf, start, length, where);
  }
  return negative ? -(value + 1) : value;
}

function badField(
  field: string,
  buf: Uint8Array,
  start: number,
  length: number,
  where: ErrorWhere,
): StowageError {
  const raw = Buffer.from(buf.subarray(start, start + length)).toString('hex');
  return new StowageError('CORRUPT_TAR', `tar header field ${field} is not a valid number (bytes ${raw})`, {
    where,
    hint: 'the archive is damaged or not a tar archive',
  });
}

/** fitsOctal reports whether a non-negative integer fits an octal field of `length` bytes (with its NUL). */
export function fitsOctal(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 8 ** (length - 1);
}

/**
 * writeNumeric stores `value` in a field of `length` bytes at `buf[start]`: zero-padded octal with a
 * trailing NUL when it fits, else base-256. Values that fit neither (non-integers) are the caller's
 * business and never reach here.
 */
export function writeNumeric(buf: Buffer, start: number, length: number, value: number): void {
  if (fitsOctal(value, length)) {
    buf.write(value.toString(8).padStart(length - 1, '0'), start, 'latin1');
    buf[start + length - 1] = 0;
    return;
  }
  let rest = BigInt(value);
  for (let i = length - 1; i >= 0; i--) {
    buf[start + i] = Number(BigInt.asUintN(8, rest));
    rest >>= 8n;
  }
  buf[start] = ((buf[start] as number) & 0x7f) | 0x80;
  if (value < 0) buf[start] = (buf[start] as number) | 0x40;
}
