/**
 * Numeric header fields: octal text (the ustar form) and GNU's base-256 form, which holds values too
 * large for octal (sizes over 8 GiB, uids over 2097151) and negative times.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';

const SPACE = 0x20;

/**
 * parseNumeric decodes the numeric field `buf[start, start+length)`. Octal text may be padded with
 * spaces and ends at the first NUL; an empty field is 0. Throws CORRUPT_TAR naming `field` when the
 * field holds anything else or a value beyond Number.MAX_SAFE_INTEGER.
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
  let end = start;
  const limit = start + length;
  while (end < limit && buf[end] !== 0) end++;
  let i = start;
  while (i < end && buf[i] === SPACE) i++;
  while (end > i && buf[end - 1] === SPACE) end--;
  let value = 0;
  for (; i < end; i++) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 7) throw badField(field, buf, start, length, where);
    value = value * 8 + d;
  }
  if (value > Number.MAX_SAFE_INTEGER) throw badField(field, buf, start, length, where);
  return value;
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
