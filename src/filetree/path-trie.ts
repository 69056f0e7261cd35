/**
 * PathTrie: interns normalised paths as small integer ids. Each id stores only its parent id and its
 * last segment, so 100k paths cost a typed-array slot and a short string each, not a full path and
 * an object per path. (Interning the segment strings too cost three quarters of the time of
 * interning a path and saved little: a repeated name is a few dozen bytes.)
 */

/** ROOT_ID is the id of the root directory `.`. */
export const ROOT_ID = 0;

/** PathTrie maps paths to ids and back; ids are dense, the root is 0. */
export class PathTrie {
  private parents = new Int32Array(1024);
  private readonly names: string[] = [''];
  private readonly childMaps: (Map<string, number> | undefined)[] = [undefined];
  private next = 1;
  // The directory of the last interned path: tar entries come directory by directory, so most
  // paths need one child lookup instead of a walk from the root.
  private lastDir = '';
  private lastDirId = -1;
  // the last path interned, whose children often come next
  private lastPath = '';
  private lastPathId = -1;
  // pathRanks' answer, valid while no id is added
  private ranks: Int32Array | undefined;

  constructor() {
    this.parents[ROOT_ID] = -1;
  }

  /** size is the number of ids handed out (root included). */
  get size(): number {
    return this.next;
  }

  /** intern returns the id of `path` (normalised, `.` for the root), creating ids for it and its parents. */
  intern(path: string): number {
    if (path === '.' || path === '') return ROOT_ID;
    if (this.lastDirId >= 0 && isChildPath(path, this.lastDir)) {
      const id = this.internChild(this.lastDirId, path.slice(this.lastDir.length + 1));
      this.lastPath = path;
      this.lastPathId = id;
      return id;
    }
    // a directory's entries follow it: a path below the last one needs one lookup too (and a layer
    // nesting directories thousands deep is read in linear time)
    if (this.lastPathId >= 0 && isChildPath(path, this.lastPath)) {
      this.lastDir = this.lastPath;
      this.lastDirId = this.lastPathId;
      return this.intern(path);
    }
    let id = ROOT_ID;
    let start = 0;
    while (start <= path.length) {
      let end = path.indexOf('/', start);
      if (end < 0) end = path.length;
      if (end > start) id = this.internChild(id, path.slice(start, end));
      start = end + 1;
    }
    const slash = path.lastIndexOf('/');
    if (slash > 0 && slash < path.length - 1) {
      this.lastDir = path.slice(0, slash);
      this.lastDirId = this.parent(id);
    }
    this.lastPath = path;
    this.lastPathId = id;
    return id;
  }

  /** lookup returns the id of `path`, or undefined when it was never interned. */
  lookup(path: string): number | undefined {
    if (path === '.' || path === '' || path === '/') return ROOT_ID;
    let id = ROOT_ID;
    for (const seg of path.replace(/^\/+|\/+$/g, '').split('/')) {
      if (seg === '') continue;
      const c = this.childMaps[id]?.get(seg);
      if (c === undefined) return undefined;
      id = c;
    }
    return id;
  }

  /** parent returns the parent id, or -1 for the root. */
  parent(id: number): number {
    return this.parents[id] ?? -1;
  }

  /** name returns the last path segment of `id` ('' for the root). */
  name(id: number): string {
    return this.names[id] ?? '';
  }

  /** path rebuilds the normalised path of `id` (`.` for the root). */
  path(id: number): string {
    if (id === ROOT_ID) return '.';
    const parts: string[] = [];
    for (let cur = id; cur !== ROOT_ID && cur >= 0; cur = this.parent(cur)) parts.push(this.name(cur));
    return parts.reverse().join('/');
  }

  /**
   * pathRanks gives each id its place among all ids in the order of their path strings as `<`
   * compares them (`.` for the root), without building a path. Sorting siblings by name is not
   * enough: `a` < `a-b` < `a/x`, as '-' sorts before '/'. So among the children of a directory,
   * each child is placed by its name and its subtree by its name and a '/' — which is exactly how
   * their paths compare — and so on down.
   */
  pathRanks(): Int32Array {
    if (this.ranks !== undefined && this.ranks.length === this.next) return this.ranks;
    const ranks = new Int32Array(this.next);
    let rank = 0;
    // [key, id, below]: below places the id's subtree, else the id itself
    const pending: [string, number, boolean][] = [['', ROOT_ID, true]];
    while (pending.length > 0) {
      const [, id, below] = pending.pop() as [string, number, boolean];
      if (!below) {
        ranks[id] = rank++;
        continue;
      }
      // the root's own path is '.', which sorts among the top-level names
      const items: [string, number, boolean][] = id === ROOT_ID ? [['.', ROOT_ID, false]] : [];
      for (const [name, c] of this.childMaps[id] ?? []) {
        items.push([name, c, false]);
        if ((this.childMaps[c]?.size ?? 0) > 0) items.push([`${name}/`, c, true]);
      }
      // pushed in descending order, so popped in ascending order
      items.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
      for (const item of items) pending.push(item);
    }
    this.ranks = ranks;
    return ranks;
  }

  /** children returns the ids of every path ever interned directly below `id`. */
  children(id: number): Iterable<number> {
    return this.childMaps[id]?.values() ?? [];
  }

  /** internChild returns the id of the child `seg` of `id`, creating it when needed. */
  internChild(id: number, seg: string): number {
    let map = this.childMaps[id];
    const found = map?.get(seg);
    if (found !== undefined) return found;
    if (map === undefined) {
      map = new Map();
      this.childMaps[id] = map;
    }
    const nid = this.next++;
    if (nid >= this.parents.length) {
      const grown = new Int32Array(this.parents.length * 2);
      grown.set(this.parents);
      this.parents = grown;
    }
    this.parents[nid] = id;
    this.names[nid] = seg;
    this.childMaps[nid] = undefined;
    map.set(seg, nid);
    return nid;
  }
}

/** isChildPath reports whether `path` is `dir/NAME` for a single segment NAME. */
function isChildPath(path: string, dir: string): boolean {
  return (
    path.length > dir.length + 1 &&
    path.charCodeAt(dir.length) === 0x2f &&
    path.startsWith(dir) &&
    path.indexOf('/', dir.length + 1) < 0
  );
}
