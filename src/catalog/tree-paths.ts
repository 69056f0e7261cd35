/**
 * TreePaths: finds what a path a package database records names in the final filesystem. Databases
 * record paths as packages ship them (`/bin/ls`), while a merged-/usr image stores the file at
 * `usr/bin/ls` behind the symlink `bin -> usr/bin`: directory symlinks are followed inside the
 * image (an absolute target restarts at the image root), the last component is not.
 */
import { posix } from 'node:path';
import type { FileNode } from '../filetree/file-node.js';
import type { FileTree } from '../filetree/file-tree.js';

/** MAX_HOPS bounds the symlinks followed for one directory (Linux's ELOOP limit). */
const MAX_HOPS = 40;

/** TreePaths resolves recorded paths against one tree, remembering resolved directories. */
export class TreePaths {
  private readonly dirs = new Map<string, string>();

  constructor(private readonly tree: FileTree) {}

  /** node returns the final filesystem's node for `recorded` (absolute or relative), if any. */
  node(recorded: string): FileNode | undefined {
    const clean = posix.resolve('/', recorded).slice(1);
    if (clean === '') return undefined;
    const slash = clean.lastIndexOf('/');
    const dir = slash === -1 ? '' : this.dir(clean.slice(0, slash));
    const name = clean.slice(slash + 1);
    return this.tree.get(dir === '' ? name : `${dir}/${name}`);
  }

  /** dir resolves a directory path (relative, clean) through symlinks. */
  private dir(path: string): string {
    const known = this.dirs.get(path);
    if (known !== undefined) return known;
    let resolved = '';
    let rest = path.split('/');
    for (let hops = 0; rest.length > 0;) {
      const [part, ...more] = rest as [string, ...string[]];
      rest = more;
      const candidate = resolved === '' ? part : `${resolved}/${part}`;
      const node = this.tree.get(candidate);
      if (node?.type !== 'symlink' || node.linkTarget === undefined || ++hops > MAX_HOPS) {
        resolved = candidate;
        continue;
      }
      const base = node.linkTarget.startsWith('/') ? '/' : `/${resolved}`;
      const target = posix.resolve(base, node.linkTarget).slice(1);
      resolved = '';
      rest = [...(target === '' ? [] : target.split('/')), ...rest];
    }
    this.dirs.set(path, resolved);
    return resolved;
  }
}
