/**
 * findCommand: where a command name leads inside an image, as execvp would find it — a name with a
 * `/` is a path (relative to the working directory), any other is searched on the image's PATH.
 */
import type { ImageFs } from './image-fs.js';
import { resolvePath, type Resolved } from './resolve-path.js';

/** DEFAULT_PATH is the search path when the image sets none (what Docker sets for Linux). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** isExecutableFile reports whether `path` is a regular file (or hard link) with an execute bit. */
export function isExecutableFile(fs: ImageFs, path: string): boolean {
  const n = fs.node(path);
  return n !== undefined && (n.type === 'file' || n.type === 'hardlink') && (n.mode & 0o111) !== 0;
}

/** findCommand resolves `name` with `searchPath` (colon-separated) from `workdir`; undefined if absent. */
export function findCommand(
  fs: ImageFs,
  name: string,
  searchPath: string,
  workdir: string,
): Resolved | undefined {
  if (name.includes('/')) {
    const r = resolvePath(fs, name, workdir);
    return r.exists && isExecutableFile(fs, r.path) ? r : undefined;
  }
  for (const dir of searchPath.split(':')) {
    const r = resolvePath(fs, `${dir === '' ? '.' : dir}/${name}`, workdir);
    if (r.exists && isExecutableFile(fs, r.path)) return r;
  }
  return undefined;
}
