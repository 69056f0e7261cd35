/**
 * Splitting `PATH[:tag|@digest]` when paths may hold colons themselves: the suffix is a tag (or
 * digest) only if what precedes it exists, and the longest existing prefix wins.
 */
import { stat } from 'node:fs/promises';
import type { Digest } from '../model/digest.js';
import { StowageError } from '../model/errors.js';

/** PathReference is a local path with the tag or digest that followed it. */
export interface PathReference {
  path: string;
  tag?: string;
  digest?: Digest;
}

const DIGEST_SUFFIX = /@(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** pathExists reports whether anything exists at `p`. */
export async function pathExists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * splitPathReference finds the path in `s`: the whole string if it exists, else the part before
 * `@digest`, else the longest prefix ending before a colon. Returns undefined when none exists.
 */
export async function splitPathReference(s: string): Promise<PathReference | undefined> {
  if (s === '') return undefined;
  if (await pathExists(s)) return { path: s };
  const dm = DIGEST_SUFFIX.exec(s);
  if (dm) {
    const path = s.slice(0, dm.index);
    if (path !== '' && (await pathExists(path))) return { path, digest: dm[1] as Digest };
  }
  for (let i = s.lastIndexOf(':'); i > 0; i = s.lastIndexOf(':', i - 1)) {
    const path = s.slice(0, i);
    if (!(await pathExists(path))) continue;
    const tag = s.slice(i + 1);
    if (tag === '') {
      throw new StowageError('INVALID_REFERENCE', `"${s}" ends with ':' but names no tag`, {
        hint: 'write PATH:TAG, or leave out the colon',
      });
    }
    return { path, tag };
  }
  return undefined;
}

/** formatReference shows a local reference the way a user would type it. */
export function formatReference(scheme: string, ref: PathReference): string {
  return `${scheme}:${ref.path}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
