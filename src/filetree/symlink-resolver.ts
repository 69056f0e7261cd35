/**
 * SymlinkResolver: resolves a path's directories through the symlinks visible while stacking, inside
 * the root, the way the runtimes' appliers place an entry (umoci's SecureJoin, containerd's
 * RootPath): `lib/libbar.so` under `lib -> usr/lib` lands in `usr/lib`, absolute targets start at
 * the root, `..` stops at the root. Iterative, with the kernel's and securejoin's limit of 255 links.
 */
import { TYPE_SYMLINK } from './layer-table.js';
import { type PathTrie, ROOT_ID } from './path-trie.js';
import { NO_VERSION, refRow } from './version-ref.js';
import type { Versions } from './versions.js';

/** MAX_LINKS is how many symlinks one resolution follows before giving up (securejoin's limit). */
const MAX_LINKS = 255;

/** SymlinkResolver answers for the stacker's current state, read through `state()`. */
export class SymlinkResolver {
  /** generation bumps whenever a symlink appears; cleanAt[id] = generation id was found link-free */
  private generation = 1;
  private cleanAt = new Int32Array(1024);

  constructor(
    private readonly trie: PathTrie,
    private readonly versions: Versions,
    private readonly state: () => Float64Array,
  ) {}

  /** symlinkAdded tells the resolver a symlink became visible: cached answers are stale. */
  symlinkAdded(): void {
    this.generation++;
  }

  /**
   * resolveDir returns the id of the directory `dir` really is: `dir` itself when neither it nor an
   * ancestor is a visible symlink (the common case, answered from a cache), else the path reached by
   * following the links. Paths on the way that were never named are interned. Returns undefined
   * when more than 255 links are followed (a loop).
   */
  resolveDir(dir: number): number | undefined {
    if (this.isLinkFree(dir)) return dir;
    const pending: string[] = [];
    for (let q = dir; q !== ROOT_ID && q >= 0; q = this.trie.parent(q)) pending.push(this.trie.name(q));
    return this.follow(ROOT_ID, pending);
  }

  /** resolveParent returns the id `path` has once its parent directory is resolved (undefined on a loop). */
  resolveParent(path: number): number | undefined {
    const parent = this.trie.parent(path);
    if (parent < 0) return path;
    const dir = this.resolveDir(parent);
    if (dir === undefined) return undefined;
    return dir === parent ? path : this.trie.internChild(dir, this.trie.name(path));
  }

  /** follow walks `pending` (segments, last first) from `start`, replacing each symlink by its target. */
  private follow(start: number, pending: string[]): number | undefined {
    const current = this.state();
    let id = start;
    let links = 0;
    while (pending.length > 0) {
      const seg = pending.pop() as string;
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (id !== ROOT_ID) id = this.trie.parent(id);
        continue;
      }
      const child = this.trie.internChild(id, seg);
      const ref = current[child] ?? NO_VERSION;
      if (!this.isSymlink(ref)) {
        id = child;
        continue;
      }
      if (++links > MAX_LINKS) return undefined;
      const target = this.versions.table(ref).linkTarget(refRow(ref)) ?? '';
      if (target.startsWith('/')) id = ROOT_ID;
      const segs = target.split('/');
      for (let k = segs.length - 1; k >= 0; k--) pending.push(segs[k] as string);
    }
    return id;
  }

  /**
   * isSymlink reports whether version `ref` is a symlink entry (a hard link to one is not followed:
   * umoci cannot even create it, as it resolves a link's target first).
   */
  private isSymlink(ref: number): boolean {
    return ref !== NO_VERSION && this.versions.table(ref).typeCode(refRow(ref)) === TYPE_SYMLINK;
  }

  /** isLinkFree reports whether no ancestor-or-self of `id` is a visible symlink, caching the answer. */
  private isLinkFree(id: number): boolean {
    const current = this.state();
    if (this.cleanAt.length < this.trie.size) {
      const grown = new Int32Array(Math.max(this.trie.size, this.cleanAt.length * 2));
      grown.set(this.cleanAt);
      this.cleanAt = grown;
    }
    const gen = this.generation;
    let q = id;
    for (; q !== ROOT_ID && q >= 0 && this.cleanAt[q] !== gen; q = this.trie.parent(q)) {
      if (this.isSymlink(current[q] ?? NO_VERSION)) return false;
    }
    for (let r = id; r !== q; r = this.trie.parent(r)) this.cleanAt[r] = gen;
    return true;
  }
}
