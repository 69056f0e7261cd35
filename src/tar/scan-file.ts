/**
 * scanTarFile: the entries of an uncompressed tar file found by reading only its headers. Entry
 * bodies are jumped over with positioned reads, so indexing a 5 GB `docker save` archive reads a
 * few kilobytes per member instead of the whole file. Parsing is readTar's own (HeaderWalker), so
 * both report the same entries, offsets, warnings and errors.
 */
import { open } from 'node:fs/promises';
import type { ErrorWhere } from '../model/errors.js';
import type { HeaderEntry } from './entry-header.js';
import { FileInput } from './file-input.js';
import { HeaderWalker } from './header-walker.js';
import type { TarLimits } from './limits.js';

/** TarScanOptions tune scanTarFile. */
export interface TarScanOptions {
  /** receives recoverable problems, e.g. an archive without end-of-archive blocks */
  onWarning?: (message: string) => void;
  /** location facts (layer, …) added to every error; the scanned file is always named */
  where?: ErrorWhere;
  /** bounds on the input (default: tarLimits()) */
  limits?: TarLimits;
}

/**
 * scanTarFile yields each entry of the tar file `file` with where its stored data lies
 * (`dataOffset`, `storedSize`, and the sparse map if any), in archive order, without reading the
 * data. Bad tar data fails with CORRUPT_TAR or TRUNCATED naming the file and byte offset;
 * file-system failures are node:fs errors.
 */
export async function* scanTarFile(file: string, opts: TarScanOptions = {}): AsyncGenerator<HeaderEntry> {
  const fh = await open(file, 'r');
  try {
    const input = new FileInput(fh, (await fh.stat()).size);
    const walker = new HeaderWalker(input, { ...opts.where, file }, opts.onWarning, opts.limits);
    for (let found = await walker.next(); found !== undefined; found = await walker.next()) {
      yield found;
      await walker.skipPast(found, found.storedSize);
    }
  } finally {
    await fh.close();
  }
}
