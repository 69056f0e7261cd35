/**
 * dive's numbers, computed dive's way (wagoodman/dive, filetree/efficiency.go and image/analysis.go)
 * for users who compare; they are not stowage's waste (see exact-waste.ts, DESIGN §5.3).
 *
 * dive builds one tree per layer from the tar entries (a whiteout `.wh.NAME` is a node of its own;
 * an opaque marker only creates its directory; missing parents are nodes with an empty payload) and
 * visits each layer's leaves. Per path it sums the sizes of all versions seen and keeps the smallest.
 * A whiteout's size is the total size of the subtree it deletes when, in dive's stacking of the
 * lower layers (which ignores opaque markers), the path is a directory; otherwise 0.
 *   efficiency      = Σ smallest size per path / Σ all sizes per path  (1 when nothing was seen)
 *   wastedBytes     = Σ all sizes of every path seen two or more times (surviving copy included)
 *   userWastedRatio = wastedBytes / Σ layer sizes except the first (dive's WastedUserPercent)
 * where a layer's size is the sum of its tar entries' header sizes.
 * Deviations, both on inputs dive itself fails on: a whiteout in the base layer, or of a path missing
 * below, counts 0 (dive errors and stops visiting that layer).
 */
import type { LayerTable } from '../../filetree/layer-table.js';
import { TYPE_DIR } from '../../filetree/layer-table.js';
import { type PathTrie, ROOT_ID } from '../../filetree/path-trie.js';

/** DiveInefficiency is one path dive saw in two or more layer trees. */
export interface DiveInefficiency {
  path: string;
  /** how many layer-tree nodes had this path */
  count: number;
  /** Σ their sizes, the surviving copy included */
  cumulativeSize: number;
}

/** DiveScore holds dive's three numbers and what they come from. */
export interface DiveScore {
  efficiency: number;
  wastedBytes: number;
  /** wastedBytes / userSizeBytes as a ratio (dive's WastedUserPercent); undefined with one layer */
  userWastedRatio: number | undefined;
  /** Σ layer sizes as dive counts them */
  imageSizeBytes: number;
  /** the same without the first layer */
  userSizeBytes: number;
  inefficientPaths: number;
  /** the largest inefficiencies, largest first */
  inefficiencies: DiveInefficiency[];
}

const ABSENT = 0;
const NON_DIR = 1;
const DIR = 2;

interface DiveNode {
  pathId: number;
  whiteout: boolean;
  size: number;
  isDir: boolean;
}

/** diveScore computes dive's numbers over the layer tables (rows flagged implicit are ignored). */
export function diveScore(
  trie: PathTrie,
  tables: readonly LayerTable[],
  opts: { top?: number } = {},
): DiveScore {
  const state = new DiveState(trie);
  // per path id: Σ sizes, smallest size and count of the layer-tree nodes seen
  const sum = new Float64Array(trie.size);
  const min = new Float64Array(trie.size);
  const count = new Int32Array(trie.size);
  // parentOf[id] === layer + 1: id is the parent of a node of that layer's tree
  const parentOf = new Int32Array(trie.size);
  let imageSizeBytes = 0;
  let userSizeBytes = 0;
  for (const t of tables) {
    const { nodes, size } = layerTree(trie, t);
    imageSizeBytes += size;
    if (t.layer > 0) userSizeBytes += size;
    const stamp = t.layer + 1;
    for (const n of nodes.values()) parentOf[trie.parent(n.pathId)] = stamp;
    for (const n of nodes.values()) {
      const p = n.pathId;
      if (!n.whiteout && parentOf[p] === stamp) continue;
      const size = n.whiteout ? (t.layer === 0 ? 0 : state.deletedSize(p)) : n.size;
      sum[p] = (sum[p] as number) + size;
      min[p] = count[p] === 0 ? size : Math.min(min[p] as number, size);
      count[p] = (count[p] as number) + 1;
    }
    state.stack(nodes);
  }
  let minimum = 0;
  let discovered = 0;
  let wastedBytes = 0;
  const inefficient: DiveInefficiency[] = [];
  for (let p = 0; p < trie.size; p++) {
    const c = count[p] as number;
    if (c === 0) continue;
    minimum += min[p] as number;
    discovered += sum[p] as number;
    if (c < 2) continue;
    wastedBytes += sum[p] as number;
    inefficient.push({ path: trie.path(p), count: c, cumulativeSize: sum[p] as number });
  }
  inefficient.sort((a, b) => b.cumulativeSize - a.cumulativeSize || (a.path < b.path ? -1 : 1));
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes,
    userWastedRatio: userSizeBytes === 0 ? undefined : wastedBytes / userSizeBytes,
    imageSizeBytes,
    userSizeBytes,
    inefficientPaths: inefficient.length,
    inefficiencies: opts.top === undefined ? inefficient : inefficient.slice(0, opts.top),
  };
}

/** layerTree builds dive's tree of one layer: nodes keyed pathId*2 (+1 for a whiteout node). */
function layerTree(trie: PathTrie, t: LayerTable): { nodes: Map<number, DiveNode>; size: number } {
  const nodes = new Map<number, DiveNode>();
  let size = 0;
  const ensure = (dir: number) => {
    for (let q = dir; q !== ROOT_ID && q >= 0 && !nodes.has(q * 2); q = trie.parent(q)) {
      nodes.set(q * 2, { pathId: q, whiteout: false, size: 0, isDir: false });
    }
  };
  for (let i = 0; i < t.count; i++) {
    if (t.isImplicit(i)) continue;
    size += t.size(i);
    const p = t.pathId(i);
    if (p === ROOT_ID) continue;
    if (t.isOpaque(i)) {
      ensure(p);
      continue;
    }
    ensure(trie.parent(p));
    const whiteout = t.isWhiteout(i);
    nodes.set(p * 2 + (whiteout ? 1 : 0), {
      pathId: p,
      whiteout,
      size: t.size(i),
      isDir: t.typeCode(i) === TYPE_DIR,
    });
  }
  return { nodes, size };
}

/** DiveState is dive's stacked tree of the layers seen so far: presence, dir flag and size per path. */
class DiveState {
  private readonly kind: Uint8Array;
  private readonly sizes: Float64Array;

  constructor(private readonly trie: PathTrie) {
    this.kind = new Uint8Array(trie.size);
    this.sizes = new Float64Array(trie.size);
  }

  /** deletedSize is what dive charges a whiteout of `p`: its subtree's total size if it is a directory. */
  deletedSize(p: number): number {
    if (this.kind[p] !== DIR) return 0;
    let sum = 0;
    this.visit(p, (q) => (sum += this.sizes[q] ?? 0));
    return sum;
  }

  /** stack applies one layer tree the way dive's Stack does: children first, siblings by name. */
  stack(nodes: Map<number, DiveNode>): void {
    const children = new Map<number, DiveNode[]>();
    for (const n of nodes.values()) {
      const parent = this.trie.parent(n.pathId);
      const list = children.get(parent);
      if (list === undefined) children.set(parent, [n]);
      else list.push(n);
    }
    const siblings = (parent: number): DiveNode[] => {
      const list = children.get(parent) ?? [];
      // Siblings touch disjoint subtrees except a whiteout and the name it removes, so the order
      // (and the sort) matters only when a whiteout is among them.
      if (list.some((n) => n.whiteout))
        list.sort((a, b) => {
          const na = this.diveName(a);
          const nb = this.diveName(b);
          return na < nb ? -1 : na > nb ? 1 : 0;
        });
      return list;
    };
    // depth-first with an explicit stack (a layer may nest paths thousands deep): a node is placed
    // after its children, as dive's recursive Stack does
    const frames: { list: DiveNode[]; next: number; owner?: DiveNode }[] = [
      { list: siblings(ROOT_ID), next: 0 },
    ];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.next === frame.list.length) {
        frames.pop();
        if (frame.owner !== undefined) this.place(frame.owner);
        continue;
      }
      const n = frame.list[frame.next++] as DiveNode;
      if (n.whiteout) this.visit(n.pathId, (q) => (this.kind[q] = ABSENT));
      else frames.push({ list: siblings(n.pathId), next: 0, owner: n });
    }
  }

  /** place records node `n` as present, its absent parents as dive's non-directory placeholders. */
  private place(n: DiveNode): void {
    for (
      let q = this.trie.parent(n.pathId);
      q !== ROOT_ID && q >= 0 && this.kind[q] === ABSENT;
      q = this.trie.parent(q)
    ) {
      this.kind[q] = NON_DIR;
      this.sizes[q] = 0;
    }
    this.kind[n.pathId] = n.isDir ? DIR : NON_DIR;
    this.sizes[n.pathId] = n.size;
  }

  private diveName(n: DiveNode): string {
    return n.whiteout ? `.wh.${this.trie.name(n.pathId)}` : this.trie.name(n.pathId);
  }

  /** visit calls `fn` on `p` and every present path below it, when `p` is present. */
  private visit(p: number, fn: (q: number) => void): void {
    if (this.kind[p] === ABSENT) return;
    const stack = [p];
    while (stack.length > 0) {
      const q = stack.pop() as number;
      fn(q);
      for (const c of this.trie.children(q)) if (this.kind[c] !== ABSENT) stack.push(c);
    }
  }
}
