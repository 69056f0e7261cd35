/**
 * Destination checks for the image writers: an archive goes to a regular file (or a new one) in an
 * existing directory, a layout to a directory (or a new one); symbolic links, FIFOs, devices and
 * sockets are refused rather than replaced or written through. File-system failures while writing
 * (permissions, missing directories, a full disk) become DESTINATION errors that say what to do.
 */
import { lstat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { StowageError } from '../model/errors.js';
import type { SinkReference } from './sink-reference.js';

function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a regular file';
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw destinationError(e, path);
  }
}

function refuse(path: string, what: string, hint: string): StowageError {
  return new StowageError('DESTINATION', `the destination ${path} is ${what}`, { hint });
}

/** checkDestination throws unless `to` names something stowage may create or replace. */
export async function checkDestination(to: SinkReference): Promise<void> {
  const st = await lstatOrUndefined(to.path);
  if (to.kind === 'oci') {
    if (st !== undefined && !st.isDirectory()) {
      throw refuse(
        to.path,
        kindOf(st),
        'oci:DIR writes a layout directory; give a new or existing layout directory',
      );
    }
    for (const inner of ['blobs', join('blobs', 'sha256')]) {
      const sub = await lstatOrUndefined(join(to.path, inner));
      if (sub !== undefined && !sub.isDirectory()) {
        throw refuse(
          join(to.path, inner),
          kindOf(sub),
          'a layout’s blobs must be plain directories; repair or replace the layout',
        );
      }
    }
    return;
  }
  if (st === undefined) {
    const parent = await lstatOrUndefined(dirname(resolve(to.path)));
    if (parent === undefined || !parent.isDirectory()) {
      throw new StowageError('DESTINATION', `the directory of ${to.path} does not exist`, {
        where: { file: to.path },
        hint: 'create the directory first, or choose another path',
      });
    }
    return;
  }
  if (st.isFile()) return;
  throw refuse(
    to.path,
    kindOf(st),
    st.isDirectory()
      ? 'give a file name for the archive (oci:DIR writes a layout directory)'
      : 'archives are written to regular files only (atomically, through a rename); choose a file path',
  );
}

const ERRNO_TEXT: Record<string, [string, string]> = {
  EACCES: ['permission denied', 'choose a location you can write to, or change its permissions'],
  EPERM: ['operation not permitted', 'choose a location you can write to, or change its permissions'],
  ENOENT: ['a directory on the way does not exist', 'create it first, or choose another path'],
  ENOTDIR: ['a part of the path is not a directory', 'check the path'],
  EISDIR: ['a directory is in the way', 'remove it or choose another path'],
  EEXIST: ['something is in the way', 'remove it or choose another path'],
  ENOSPC: ['no space left on the device', 'free some space or write elsewhere'],
  EDQUOT: ['the disk quota is exhausted', 'free some space or write elsewhere'],
  EROFS: ['the file system is read-only', 'write elsewhere'],
};

/**
 * destinationError maps a file-system error about a path inside `root` (the destination, or the
 * directory an archive goes to) to a DESTINATION StowageError; anything else passes through.
 */
export function destinationError(e: unknown, root: string): unknown {
  const err = e as NodeJS.ErrnoException;
  const text = ERRNO_TEXT[err?.code ?? ''];
  if (text === undefined || typeof err.path !== 'string') return e;
  const base = resolve(root);
  const path = resolve(err.path);
  if (path !== base && !path.startsWith(base + sep)) return e;
  return new StowageError('DESTINATION', `cannot write ${err.path}: ${text[0]}`, {
    where: { file: err.path },
    hint: text[1],
    cause: e,
  });
}
