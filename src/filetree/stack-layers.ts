/**
 * stackLayers: applies layer tables base first, the way the OCI image-spec defines changesets, and
 * records per-layer change events and, for waste, which layer removed each file version.
 *
 * Order within one layer (the spec makes whiteouts position-independent, so the layer is collected
 * fully first): (1) opaque markers hide everything lower inside their directory, (2) whiteouts delete
 * their target and everything below it from lower layers, (3) entries are applied in tar order, a
 * later entry for a path replacing an earlier one; missing parents become implicit directories.
 * Because (1) and (2) run before (3), what the layer itself adds is never hidden by its own markers.
 * Each entry's parent directory is resolved through the symlinks visible at that point, inside the
 * root, as the runtimes' appliers do; a row placed elsewhere gets that path in its table.
 */
import { EventLog } from './event-log.js';
import { KILL_DELETED, KILL_HIDDEN, KILL_METADATA, KILL_OVERWRITTEN, KillLog } from './kill-log.js';
import { LayerStack } from './layer-stack.js';
import { type LayerTable, TYPE_DIR, TYPE_FILE, TYPE_HARDLINK, TYPE_SYMLINK } from './layer-table.js';
import { type PathTrie, ROOT_ID } from './path-trie.js';
import { SymlinkResolver } from './symlink-resolver.js';
import { NO_VERSION, refLayer, refRow, versionRef } from './version-ref.js';
import { Versions } from './versions.js';

/** StackOptions tune stacking. */
export interface StackOptions {
  /** receives recoverable problems, e.g. a hard link whose target is missing */
  onWarning?: (message: string) => void;
  /** problems found before stacking (reading the layers): listed first in LayerStack.warnings */
  readWarnings?: readonly string[];
}

const EV_ADDED = 0;
const EV_MODIFIED = 1;
const EV_DELETED = 2;
const EV_HIDDEN = 3;
const MOD_CONTENT = 1;
const MOD_METADATA = 2;

/**
 * stackLayers stacks `tables` (index = layer index, base first; all built on `trie`) and returns the
 * merged tree with change sets, path histories and the data exact waste needs. Implicit parent
 * directories are appended to the tables as rows flagged implicit.
 */
export function stackLayers(
  trie: PathTrie,
  tables: readonly LayerTable[],
  opts: StackOptions = {},
): LayerStack {
  const stacker = new Stacker(trie, tables, opts);
  for (const t of tables) stacker.apply(t);
  return new LayerStack(
    trie,
    stacker.versions,
    stacker.current,
    stacker.events,
    stacker.kills,
    stacker.warnings,
  );
}

class Stacker {
  readonly versions: Versions;
  current: Float64Array;
  readonly events: EventLog;
  readonly kills: KillLog;
  readonly warnings: string[] = [];
  /** the version each path touched by the current layer had before it */
  private before = new Map<number, number>();
  /** how the current layer removed a path: EV_DELETED or EV_HIDDEN */
  private removedBy = new Map<number, number>();
  private layer = 0;
  private table: LayerTable | undefined;
  private readonly links: SymlinkResolver;

  constructor(
    private readonly trie: PathTrie,
    tables: readonly LayerTable[],
    private readonly opts: StackOptions,
  ) {
    this.versions = new Versions(tables);
    this.current = new Float64Array(trie.size).fill(NO_VERSION);
    this.events = new EventLog(trie.size);
    this.kills = new KillLog(tables);
    this.links = new SymlinkResolver(trie, this.versions, () => this.current);
    this.warnings.push(...(opts.readWarnings ?? []));
  }

  apply(t: LayerTable): void {
    this.table = t;
    this.layer = t.layer;
    this.before = new Map();
    this.removedBy = new Map();
    const n = t.count;
    // an opaque marker reached through a symlink hides the target's contents but, as in umoci,
    // creates nothing
    const linked = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (!t.isOpaque(i)) continue;
      const stored = t.pathId(i);
      const dir = this.place(t, i, this.links.resolveDir(stored));
      if (dir !== stored) linked.add(i);
      for (const c of this.trie.children(dir)) this.removeSubtree(c, EV_HIDDEN);
    }
    for (let i = 0; i < n; i++) {
      if (t.isWhiteout(i))
        this.removeSubtree(this.place(t, i, this.links.resolveParent(t.pathId(i))), EV_DELETED);
    }
    for (let i = 0; i < n; i++) {
      if (t.isWhiteout(i) || t.pathId(i) === ROOT_ID) continue;
      if (t.isOpaque(i)) {
        if (!linked.has(i)) this.ensureDir(t.pathId(i));
        continue;
      }
      const p = this.place(t, i, this.links.resolveParent(t.pathId(i)));
      this.ensureDir(this.trie.parent(p));
      const ref = versionRef(this.layer, i);
      const prior = this.current[p] ?? NO_VERSION;
      if (t.typeCode(i) !== TYPE_DIR && prior !== NO_VERSION && this.versions.typeCode(prior) === TYPE_DIR) {
        // a non-directory replaces a directory: what was below goes first (a hard link can't keep it)
        this.touch(p);
        for (const c of this.trie.children(p)) this.removeSubtree(c, EV_DELETED);
      }
      if (t.typeCode(i) === TYPE_HARDLINK) this.linkHardLink(t, i, ref);
      this.put(p, ref);
    }
    this.recordEvents();
  }

  /**
   * place moves row `i` to `resolved`, the path symlink resolution found for it (undefined: a symlink
   * loop, warned about, the row stays where it was), and makes room in the state for new paths.
   */
  private place(t: LayerTable, i: number, resolved: number | undefined): number {
    if (this.current.length < this.trie.size) {
      const grown = new Float64Array(Math.max(this.trie.size, this.current.length * 2)).fill(NO_VERSION);
      grown.set(this.current);
      this.current = grown;
    }
    if (resolved === undefined) {
      this.warn(
        `layer ${t.layer}: ${this.trie.path(t.pathId(i))} is reached through more than 255 symbolic links ` +
          '(a loop); kept where the layer names it',
      );
      return t.pathId(i);
    }
    t.setPathId(i, resolved);
    return resolved;
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.opts.onWarning?.(message);
  }

  private linkHardLink(t: LayerTable, i: number, ref: number): void {
    const target = t.linkTarget(i);
    const tid = target === undefined ? undefined : this.links.resolveParent(this.trie.intern(target));
    let tref = tid === undefined ? NO_VERSION : (this.current[tid] ?? NO_VERSION);
    if (tref !== NO_VERSION && this.versions.typeCode(tref) === TYPE_DIR) tref = NO_VERSION;
    if (tref === NO_VERSION) {
      const message =
        `layer ${t.layer}: hard link ${this.trie.path(t.pathId(i))} points at ${target ?? '(nothing)'}, ` +
        'which is not a file in this layer or below; it is counted as an empty file';
      this.warn(message);
    }
    this.versions.setInode(ref, tref === NO_VERSION ? NO_VERSION : this.versions.inode(tref));
  }

  /** put makes `ref` the visible version of path `p`, retiring what was there. */
  private put(p: number, ref: number): void {
    this.touch(p);
    const prior = this.current[p] ?? NO_VERSION;
    if (prior !== NO_VERSION) {
      const v = this.versions;
      const metadataOnly = v.typeCode(prior) === TYPE_FILE && v.sameContent(prior, ref);
      this.kill(prior, metadataOnly ? KILL_METADATA : KILL_OVERWRITTEN);
    }
    this.current[p] = ref;
    if (this.versions.typeCode(ref) === TYPE_SYMLINK) this.links.symlinkAdded();
  }

  /** ensureDir makes `dir` and its parents visible directories, adding implicit ones as needed. */
  private ensureDir(dir: number): void {
    const missing: number[] = [];
    for (let q = dir; q !== ROOT_ID && q >= 0; q = this.trie.parent(q)) {
      const cur = this.current[q] ?? NO_VERSION;
      if (cur !== NO_VERSION && this.versions.typeCode(cur) === TYPE_DIR) break;
      missing.push(q);
    }
    const t = this.table as LayerTable;
    for (let k = missing.length - 1; k >= 0; k--) {
      const q = missing[k] as number;
      this.put(q, versionRef(this.layer, t.addImplicitDir(q)));
    }
  }

  /** removeSubtree removes path `p` and every visible path below it. */
  private removeSubtree(p: number, how: number): void {
    const stack = [p];
    while (stack.length > 0) {
      const q = stack.pop() as number;
      const cur = this.current[q] ?? NO_VERSION;
      if (cur === NO_VERSION) continue;
      this.touch(q);
      this.kill(cur, how === EV_HIDDEN ? KILL_HIDDEN : KILL_DELETED);
      this.current[q] = NO_VERSION;
      if (!this.removedBy.has(q)) this.removedBy.set(q, how);
      for (const c of this.trie.children(q)) stack.push(c);
    }
  }

  private touch(p: number): void {
    if (!this.before.has(p)) this.before.set(p, this.current[p] ?? NO_VERSION);
  }

  private kill(ref: number, reason: number): void {
    this.kills.record(refLayer(ref), refRow(ref), this.layer, reason);
  }

  /** recordEvents compares each touched path before and after the layer, in path order. */
  private recordEvents(): void {
    const v = this.versions;
    this.events.beginLayer(this.layer);
    const rank = this.trie.pathRanks();
    const touched = [...this.before.keys()].sort((a, b) => (rank[a] as number) - (rank[b] as number));
    for (const p of touched) {
      const b = this.before.get(p) ?? NO_VERSION;
      const a = this.current[p] ?? NO_VERSION;
      if (b === NO_VERSION && a === NO_VERSION) continue;
      if (b === NO_VERSION) this.events.append(p, this.layer, EV_ADDED, 0, 0, a, NO_VERSION);
      else if (a === NO_VERSION)
        this.events.append(p, this.layer, this.removedBy.get(p) ?? EV_DELETED, 0, 0, b, NO_VERSION);
      else if (v.sameContent(b, a))
        this.events.append(p, this.layer, EV_MODIFIED, MOD_METADATA, v.metadataMask(b, a), a, b);
      else this.events.append(p, this.layer, EV_MODIFIED, MOD_CONTENT, 0, a, b);
    }
  }
}
