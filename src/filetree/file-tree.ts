/**
 * FileTree: the merged filesystem after stacking every layer — lookups, children and a sorted walk,
 * with each node's provenance (the layer its visible entry comes from).
 */
import type { Digest } from '../model/digest.js';
import type { FileNode } from './file-node.js';
import { materialiseNode } from './file-node.js';
import { TYPE_FILE } from './layer-table.js';
import { type PathTrie, ROOT_ID } from './path-trie.js';
import { NO_VERSION, refLayer, refRow } from './version-ref.js';
import type { Versions } from './versions.js';

/** VisibleFile is a visible path with regular-file content; see FileTree.regularFiles. */
export interface VisibleFile {
  path: string;
  layer: number;
  size: number;
  contentHash?: Digest;
  /** equal for paths sharing one stored copy; -1 for a hard link without a target */
  contentId: number;
}

/** FileTree is a read-only view of the visible paths; the root `.` itself is not a node. */
export class FileTree {
  constructor(
    private readonly trie: PathTrie,
    private readonly versions: Versions,
    private readonly current: Float64Array,
  ) {}

  /** get returns the node at `path` (normalised or with a leading `/`), or undefined. */
  get(path: string): FileNode | undefined {
    const id = this.trie.lookup(path);
    if (id === undefined || id === ROOT_ID) return undefined;
    const ref = this.current[id] ?? NO_VERSION;
    return ref === NO_VERSION
      ? undefined
      : materialiseNode(this.versions, ref, this.trie.path(id), this.trie.name(id));
  }

  /** has reports whether `path` is visible. */
  has(path: string): boolean {
    const id = this.trie.lookup(path);
    return id !== undefined && id !== ROOT_ID && (this.current[id] ?? NO_VERSION) !== NO_VERSION;
  }

  /** children returns the visible nodes directly below `path` (`.` for the root), sorted by name. */
  children(path: string): FileNode[] {
    const id = this.trie.lookup(path);
    if (id === undefined) return [];
    const parent = id === ROOT_ID ? '' : `${this.trie.path(id)}/`;
    return this.childIds(id).map((c) =>
      materialiseNode(
        this.versions,
        this.current[c] as number,
        parent + this.trie.name(c),
        this.trie.name(c),
      ),
    );
  }

  /** walk yields every visible node depth-first, parents before children, siblings by name. */
  *walk(): Generator<FileNode> {
    // each node's path is built once from its parent's (deep trees hold no second copy of prefixes)
    const stack: [number, string][] = [[ROOT_ID, '']];
    while (stack.length > 0) {
      const [id, path] = stack.pop() as [number, string];
      const kids = this.childIds(id);
      for (let k = kids.length - 1; k >= 0; k--) {
        const c = kids[k] as number;
        stack.push([c, id === ROOT_ID ? this.trie.name(c) : `${path}/${this.trie.name(c)}`]);
      }
      if (id === ROOT_ID) continue;
      yield materialiseNode(this.versions, this.current[id] as number, path, this.trie.name(id));
    }
  }

  /**
   * regularFiles yields every visible path showing regular-file content (hard links included) with a
   * `contentId` that is equal for paths sharing one stored copy (a file and its hard links).
   */
  *regularFiles(): Generator<VisibleFile> {
    for (let id = 1; id < this.current.length; id++) {
      const ref = this.current[id] ?? NO_VERSION;
      if (ref === NO_VERSION || this.versions.typeCode(ref) !== TYPE_FILE) continue;
      const inode = this.versions.inode(ref);
      const f: VisibleFile = {
        path: this.trie.path(id),
        layer: refLayer(ref),
        size: this.versions.size(ref),
        contentId: inode,
      };
      const hash = inode === NO_VERSION ? undefined : this.versions.table(inode).contentHash(refRow(inode));
      if (hash !== undefined) f.contentHash = hash;
      yield f;
    }
  }

  /**
   * forEachRegularFile visits the same files as regularFiles as plain numbers: the path id (see
   * pathOf), layer, size, contentId and the raw content-hash key (equal keys, equal content), with
   * no path string or digest built — for passes over every file that report only a few of them.
   */
  forEachRegularFile(
    fn: (pathId: number, layer: number, size: number, contentId: number, hashKey: string | undefined) => void,
  ): void {
    for (let id = 1; id < this.current.length; id++) {
      const ref = this.current[id] ?? NO_VERSION;
      if (ref === NO_VERSION || this.versions.typeCode(ref) !== TYPE_FILE) continue;
      const inode = this.versions.inode(ref);
      const key = inode === NO_VERSION ? undefined : this.versions.table(inode).hashKey(refRow(inode));
      fn(id, refLayer(ref), this.versions.size(ref), inode, key);
    }
  }

  /** pathOf returns the path of a path id that forEachRegularFile handed out. */
  pathOf(pathId: number): string {
    return this.trie.path(pathId);
  }

  /** contentHashOf returns the content hash of a contentId that forEachRegularFile handed out. */
  contentHashOf(contentId: number): Digest | undefined {
    return contentId === NO_VERSION
      ? undefined
      : this.versions.table(contentId).contentHash(refRow(contentId));
  }

  /** stats counts visible nodes and their content bytes (hard-linked content counted once). */
  stats(): { nodes: number; files: number; fileBytes: number } {
    let nodes = 0;
    let files = 0;
    let fileBytes = 0;
    const seen = new Set<number>();
    for (let id = 1; id < this.current.length; id++) {
      const ref = this.current[id] ?? NO_VERSION;
      if (ref === NO_VERSION) continue;
      nodes++;
      if (this.versions.typeCode(ref) !== TYPE_FILE) continue;
      files++;
      const inode = this.versions.inode(ref);
      if (inode === NO_VERSION || seen.has(inode)) continue;
      seen.add(inode);
      fileBytes += this.versions.size(inode);
    }
    return { nodes, files, fileBytes };
  }

  private childIds(id: number): number[] {
    const out: number[] = [];
    for (const c of this.trie.children(id)) if ((this.current[c] ?? NO_VERSION) !== NO_VERSION) out.push(c);
    return out.sort((a, b) => {
      const na = this.trie.name(a);
      const nb = this.trie.name(b);
      return na < nb ? -1 : na > nb ? 1 : 0;
    });
  }
}
