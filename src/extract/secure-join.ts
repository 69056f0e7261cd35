/**
 * secureJoin: resolves a path inside a root directory the way umoci unpack does (Go's
 * filepath-securejoin): `..` stops at the root, and every existing symlink met on the way is read
 * as if the root were `/` — an absolute target restarts at the root, a relative one continues from
 * the link's directory — so the result always lies inside the root. Components that do not exist
 * yet are taken as plain names. A loop of links is an error, as in umoci.
 */
import { lstat, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { StowageError } from '../model/errors.js';

/** MAX_LINKS is the bound on links followed in one resolution (securejoin's 255). */
const MAX_LINKS = 255;

/** cleanRelative cleans `path` lexically as if it began at `/` (`..` stops there); '' is the root. */
export function cleanRelative(path: string): string {
  return posix.resolve('/', path).slice(1);
}

/** secureJoin returns the host path for `unsafePath` resolved inside `root`; errors name `entryPath`. */
export async function secureJoin(root: string, unsafePath: string, entryPath = unsafePath): Promise<string> {
  let current = '';
  let rest = unsafePath;
  for (let links = 0; rest !== '';) {
    const slash = rest.indexOf('/');
    const part = slash === -1 ? rest : rest.slice(0, slash);
    rest = slash === -1 ? '' : rest.slice(slash + 1);
    const next = cleanRelative(`${current}/${part}`);
    if (next === '') {
      current = '';
      continue;
    }
    const target = await readLinkIfAny(join(root, next));
    if (target === undefined) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) {
      throw new StowageError('CORRUPT_TAR', 'too many levels of symbolic links inside the target directory', {
        where: { path: entryPath },
        hint: 'the image has a symlink loop here (umoci unpack refuses it too)',
      });
    }
    if (target.startsWith('/')) current = '';
    rest = rest === '' ? target : `${target}/${rest}`;
  }
  return join(root, current);
}

/** readLinkIfAny returns a symlink's target, or undefined for anything else or nothing at all. */
async function readLinkIfAny(path: string): Promise<string | undefined> {
  try {
    const st = await lstat(path);
    return st.isSymbolicLink() ? await readlink(path) : undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}
