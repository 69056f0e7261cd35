/**
 * Reading local files as streams of Buffers in 1 MiB reads (the 64 KiB default costs ~0.6 s per GB),
 * whole or by byte range, with file-system failures turned into StowageErrors that name the file.
 * Reads go straight through a FileHandle, one read ahead of the consumer: a Readable's machinery
 * cost about a tenth of the main thread in a full layer analysis.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** READ_CHUNK is the size of each file read. */
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
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; what is not a regular file is refused
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fsError(e, file, where);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : 'a device or socket';
    throw new StowageError('NOT_AN_IMAGE', `${kind} where a file was expected`, {
      where: { file, ...where },
      hint: 'image files must be regular files; replace it with the real file',
    });
  }
  let position = range?.start ?? 0;
  let left = range?.length ?? Number.POSITIVE_INFINITY;
  const readNext = async (): Promise<Buffer> => {
    const want = Math.min(READ_CHUNK, left);
    if (want === 0) return Buffer.alloc(0);
    const buffer = Buffer.allocUnsafeSlow(want);
    const { bytesRead } = await fh.read(buffer, 0, want, position);
    position += bytesRead;
    left -= bytesRead;
    return bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
  };
  let next = readNext();
  try {
    for (;;) {
      let chunk: Buffer;
      try {
        chunk = await next;
      } catch (e) {
        throw fsError(e, file, where);
      }
      if (chunk.length === 0) break;
      next = readNext();
      yield chunk;
    }
  } finally {
    // a read still in flight when the consumer stops must finish before the handle closes
    await next.catch(() => undefined);
    await fh.close();
  }
  if (range !== undefined && left > 0) {
    const got = range.length - left;
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
