/**
 * Reading local files as streams of Buffers with 1 MiB reads (the 64 KiB default costs ~0.6 s per GB),
 * whole or by byte range, with file-system failures turned into StowageErrors that name the file.
 */
import { createReadStream } from 'node:fs';
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** READ_CHUNK is the highWaterMark of every file read. */
export const READ_CHUNK = 1 << 20;

/** FileRange selects bytes [start, start + length) of a file. */
export interface FileRange {
  start: number;
  length: number;
}

/**
 * readFile streams a file, or one byte range of it. A range that runs past the end of the file
 * fails with TRUNCATED; a missing file with NOT_FOUND.
 */
export async function* readFile(
  file: string,
  range?: FileRange,
  where: ErrorWhere = {},
): AsyncGenerator<Buffer> {
  if (range !== undefined && range.length === 0) return;
  const stream = createReadStream(file, {
    highWaterMark: READ_CHUNK,
    ...(range === undefined ? {} : { start: range.start, end: range.start + range.length - 1 }),
  });
  let got = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      got += chunk.length;
      yield chunk;
    }
  } catch (e) {
    throw fsError(e, file, where);
  } finally {
    stream.destroy();
  }
  if (range !== undefined && got < range.length) {
    throw new StowageError(
      'TRUNCATED',
      `expected ${range.length} bytes at byte ${range.start} but the file ends after ${got}`,
      { where: { file, ...where }, hint: 'the file was cut short or changed while it was read' },
    );
  }
}

/** fsError maps a node:fs error to a StowageError naming the file; other errors pass through. */
export function fsError(e: unknown, file: string, where: ErrorWhere = {}): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new StowageError('NOT_FOUND', 'no such file', { where: { file, ...where }, cause: e });
  }
  if (code === 'EISDIR') {
    return new StowageError('NOT_AN_IMAGE', 'a directory where a file was expected', {
      where: { file, ...where },
      cause: e,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new StowageError('NOT_FOUND', 'permission denied', {
      where: { file, ...where },
      hint: 'check the file permissions',
      cause: e,
    });
  }
  return e;
}
