/**
 * TarInput: what the header walker needs from its bytes — exact small reads at a cursor, bounded
 * pieces, and skips — so the same parsing runs over a stream (ByteSource) and over a file read at
 * offsets (FileInput). Also the TRUNCATED error every reader raises when the input ends early.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** TarInput is a forward-only cursor over a tar's bytes; `offset` is the position of the next unread byte. */
export interface TarInput {
  readonly offset: number;
  /** read returns exactly `n` bytes, or fewer when the input ends first; use or copy before reading on */
  read(n: number): Promise<Buffer>;
  /** take returns between 1 and `n` bytes (n > 0), or an empty buffer at the end */
  take(n: number): Promise<Buffer>;
  /** skip discards `n` bytes and returns how many it could (fewer at the end) */
  skip(n: number): Promise<number>;
  /** available is how many bytes can be had now without waiting (streams only) */
  readonly available?: number;
  /** peekNow returns the next `n` bytes without consuming them, if they are buffered */
  peekNow?(n: number): Buffer | undefined;
  /** consumeNow consumes and returns `n` bytes that `available` says are there */
  consumeNow?(n: number): Buffer;
}

/** truncatedAt is the TRUNCATED error for an input that ended where `detail` says, at its current offset. */
export function truncatedAt(detail: string, input: TarInput, where: ErrorWhere): StowageError {
  return new StowageError('TRUNCATED', detail, {
    where: { ...where, offset: input.offset },
    hint: 'the archive or layer is incomplete; fetch or copy it again',
  });
}

/** dataTruncated is the TRUNCATED error for an input that ended inside an entry's stored data. */
export function dataTruncated(input: TarInput, where: ErrorWhere): StowageError {
  return truncatedAt("tar stream ends inside an entry's data", input, where);
}

/** skipExactly skips `n` bytes that must be present, or throws TRUNCATED. */
export async function skipExactly(input: TarInput, n: number, where: ErrorWhere): Promise<void> {
  if ((await input.skip(n)) < n) throw truncatedAt('tar stream ends inside an entry', input, where);
}
