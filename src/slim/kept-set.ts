/**
 * KeptSet: the paths a slim image keeps, each with the reason it was kept first, and every parent
 * directory of a kept path (kept as `parent` until a path gives it a reason of its own).
 */

/** KeptPath is one kept path and why. */
export interface KeptPath {
  /** normalised path, no leading `/` */
  path: string;
  /** the rule: executable, symlink, interpreter, needed, shebang, argument, loader, always, include, observed, parent */
  kind: string;
  reason: string;
}

/** KeptSet collects kept paths; the first reason given for a path stays (a `parent` gives way). */
export class KeptSet {
  private readonly map = new Map<string, KeptPath>();

  /** add keeps `path` (and its parents) for `reason`; returns whether it was new. */
  add(path: string, kind: string, reason: string): boolean {
    const prior = this.map.get(path);
    if (prior !== undefined && prior.kind !== 'parent') return false;
    this.map.set(path, { path, kind, reason });
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      const dir = path.slice(0, i);
      if (this.map.has(dir)) break;
      this.map.set(dir, { path: dir, kind: 'parent', reason: `directory holding /${path}` });
    }
    return prior === undefined;
  }

  /** get returns why `path` is kept, or undefined. */
  get(path: string): KeptPath | undefined {
    return this.map.get(path);
  }

  /** size is the number of kept paths, parents included. */
  get size(): number {
    return this.map.size;
  }

  /** paths returns the kept paths as a set (for the image writer). */
  pathSet(): ReadonlySet<string> {
    return new Set(this.map.keys());
  }

  /** sorted returns every kept path with its reason, sorted by path. */
  sorted(): KeptPath[] {
    return [...this.map.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
