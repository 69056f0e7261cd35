/**
 * buildTreeReport: the `stowage.tree/v1` document — the merged filesystem with each path's
 * provenance, or one layer's change set laid out as a tree — filtered by change kind, glob and
 * depth, siblings sorted by name or by size (directories by the total below them).
 */
import picomatch from 'picomatch';
import type { LayerStack } from '../filetree/layer-stack.js';
import { StowageError } from '../model/errors.js';
import type { ImageFacts } from './analyze-context.js';
import { nodeJson } from './node-json.js';

/** TREE_SCHEMA is the `schema` value of every tree report. */
export const TREE_SCHEMA = 'stowage.tree/v1';

/** TreeChangeFilter names the change kinds `--changes` accepts (deleted includes hidden). */
export type TreeChangeFilter = 'added' | 'modified' | 'deleted';

/** TreeOptions select the view and filter it. */
export interface TreeOptions {
  /** a layer's change set; undefined for the merged tree */
  layer?: number;
  changes?: TreeChangeFilter[];
  sort?: 'name' | 'size';
  /** deepest level shown, 1 = top-level entries */
  depth?: number;
  /** picomatch glob over paths (no leading slash needed) */
  path?: string;
}

/** TreeNodeJson is one shown path. */
export interface TreeNodeJson {
  path: string;
  name: string;
  /** 1 for top-level entries */
  depth: number;
  type: string;
  /** own content bytes (a hard link shows its target's) */
  size: number;
  /** for directories: Σ sizes of everything below in this view; else equal to size */
  totalSize: number;
  /** null where the view does not know it (a removed version, or a parent shown for context) */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  linkTarget: string | null;
  contentHash: string | null;
  /** merged view: the layer the visible entry comes from; layer view: the layer */
  layer: number;
  /** layer view: added, modified, deleted or hidden; merged view: null */
  change: 'added' | 'modified' | 'deleted' | 'hidden' | null;
  modification: 'content' | 'metadata' | null;
  /** true for a directory shown only to place a matching path (not itself selected) */
  context: boolean;
}

/** TreeDocument is the whole `stowage.tree/v1` document. */
export interface TreeDocument {
  schema: typeof TREE_SCHEMA;
  reference: string;
  manifestDigest: string;
  view: 'merged' | 'layer';
  layer: number | null;
  filters: {
    changes: TreeChangeFilter[] | null;
    path: string | null;
    depth: number | null;
    sort: 'name' | 'size';
  };
  nodes: TreeNodeJson[];
  totals: { nodes: number; files: number; bytes: number };
}

type Item = Omit<TreeNodeJson, 'depth' | 'totalSize' | 'context'>;

function mergedItems(stack: LayerStack): Item[] {
  return [...stack.tree.walk()].map((n) => ({
    path: n.path,
    name: n.name,
    ...nodeJson(n),
    change: null,
    modification: null,
  }));
}

function layerItems(stack: LayerStack, layer: number, changes: TreeChangeFilter[] | undefined): Item[] {
  const cs = stack.changeSet(layer);
  const want = new Set(changes ?? ['added', 'modified', 'deleted']);
  const list = [
    ...(want.has('added') ? cs.added : []),
    ...(want.has('modified') ? cs.modified : []),
    ...(want.has('deleted') ? cs.deleted : []),
  ];
  return list.map((c) => {
    // the version the layer shows (added/modified) or the one it removed (deleted/hidden)
    const node = stack.tree.get(c.path);
    const shown = node !== undefined && node.layer === layer ? node : undefined;
    return {
      path: c.path,
      name: c.path.slice(c.path.lastIndexOf('/') + 1),
      type: c.type,
      size: c.size,
      mode: shown?.mode ?? null,
      uid: shown?.uid ?? null,
      gid: shown?.gid ?? null,
      linkTarget: shown?.linkTarget ?? null,
      contentHash: shown?.contentHash ?? null,
      layer,
      change: c.kind,
      modification: c.modification ?? null,
    };
  });
}

/** buildTreeReport assembles the tree document. */
export function buildTreeReport(facts: ImageFacts, stack: LayerStack, opts: TreeOptions = {}): TreeDocument {
  if (opts.layer !== undefined && (opts.layer < 0 || opts.layer >= stack.layerCount)) {
    throw new StowageError(
      'USAGE',
      `--layer ${opts.layer} is out of range: the image has ${stack.layerCount} layers`,
      {
        hint: `give a layer index from 0 to ${stack.layerCount - 1}`,
      },
    );
  }
  if (opts.changes !== undefined && opts.layer === undefined) {
    throw new StowageError('USAGE', '--changes needs --layer N: the merged tree has no changes of its own', {
      hint: 'add --layer N, or drop --changes',
    });
  }
  const items = opts.layer === undefined ? mergedItems(stack) : layerItems(stack, opts.layer, opts.changes);
  const nodes = layOut(items, opts);
  return {
    schema: TREE_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    view: opts.layer === undefined ? 'merged' : 'layer',
    layer: opts.layer ?? null,
    filters: {
      changes: opts.changes ?? null,
      path: opts.path ?? null,
      depth: opts.depth ?? null,
      sort: opts.sort ?? 'name',
    },
    nodes,
    totals: {
      nodes: nodes.filter((n) => !n.context).length,
      files: nodes.filter((n) => !n.context && n.type === 'file').length,
      bytes: nodes.filter((n) => !n.context && n.type !== 'dir').reduce((a, n) => a + n.size, 0),
    },
  };
}

interface Vertex {
  item: Item | undefined;
  path: string;
  children: Vertex[];
  total: number;
  selected: boolean;
  keep: boolean;
}

/**
 * layOut builds the tree of `items` (adding missing parents), filters, sorts and flattens it. Every
 * walk is iterative: a layer can nest directories thousands deep.
 */
function layOut(items: Item[], opts: TreeOptions): TreeNodeJson[] {
  const root = vertex('', undefined);
  const byPath = new Map<string, Vertex>([['', root]]);
  const vertexOf = (path: string): Vertex => {
    const missing: string[] = [];
    let parent: Vertex | undefined;
    for (let p = path; parent === undefined;) {
      const found = byPath.get(p);
      if (found !== undefined) parent = found;
      else {
        missing.push(p);
        const slash = p.lastIndexOf('/');
        p = slash < 0 ? '' : p.slice(0, slash);
      }
    }
    for (let k = missing.length - 1; k >= 0; k--) {
      const v = vertex(missing[k] as string, undefined);
      byPath.set(v.path, v);
      parent.children.push(v);
      parent = v;
    }
    return parent;
  };
  for (const it of items) vertexOf(it.path).item = it;
  const glob = opts.path === undefined ? undefined : picomatch(opts.path.replace(/^\/+/, ''), { dot: true });
  // pre-order list; walked backwards, children come before their parents
  const preorder: Vertex[] = [];
  for (const stack = [root]; stack.length > 0;) {
    const v = stack.pop() as Vertex;
    preorder.push(v);
    for (const c of v.children) stack.push(c);
  }
  for (let k = preorder.length - 1; k >= 0; k--) {
    const v = preorder[k] as Vertex;
    v.total += v.item !== undefined && v.item.type !== 'dir' ? v.item.size : 0;
    if (v !== root) {
      v.selected = v.item !== undefined && (glob === undefined || glob(v.path));
      if (v.selected) v.keep = true;
    }
    const parent = v === root ? undefined : byPath.get(parentPath(v.path));
    if (parent !== undefined) {
      parent.total += v.total;
      if (v.keep) parent.keep = true;
    }
  }
  const out: TreeNodeJson[] = [];
  const byName = (a: Vertex, b: Vertex) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const order = opts.sort === 'size' ? (a: Vertex, b: Vertex) => b.total - a.total || byName(a, b) : byName;
  const kept = (v: Vertex) => v.children.filter((c) => c.keep).sort(order);
  const pending: [Vertex, number][] = kept(root)
    .reverse()
    .map((c) => [c, 1]);
  while (pending.length > 0) {
    const [v, depth] = pending.pop() as [Vertex, number];
    if (opts.depth !== undefined && depth > opts.depth) continue;
    out.push(vertexJson(v, depth));
    const children = kept(v);
    for (let k = children.length - 1; k >= 0; k--) pending.push([children[k] as Vertex, depth + 1]);
  }
  return out;
}

function vertex(path: string, item: Item | undefined): Vertex {
  return { item, path, children: [], total: 0, selected: false, keep: false };
}

function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function vertexJson(v: Vertex, depth: number): TreeNodeJson {
  const it = v.item;
  return {
    path: v.path,
    name: v.path.slice(v.path.lastIndexOf('/') + 1),
    depth,
    type: it?.type ?? 'dir',
    size: it?.size ?? 0,
    totalSize: v.total,
    mode: it?.mode ?? null,
    uid: it?.uid ?? null,
    gid: it?.gid ?? null,
    linkTarget: it?.linkTarget ?? null,
    contentHash: it?.contentHash ?? null,
    layer: it?.layer ?? -1,
    change: it?.change ?? null,
    modification: it?.modification ?? null,
    context: !v.selected,
  };
}
