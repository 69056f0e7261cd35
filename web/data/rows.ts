/**
 * flattenRows: the rows a tree view shows, in order — a depth-first walk of the present paths that
 * passes the change-kind toggles and the filter, descending into expanded directories (into every
 * kept directory while a filter is set), siblings by size (largest first) or by name.
 */
import { K_ADDED, K_DELETED, K_HIDDEN, type ImageIndex } from './image-index.js';
import type { TreeView } from './view.js';

/** Category is how a row relates to the selected layer. */
export type Category = 'added' | 'modified' | 'removed' | 'unmodified';

/** RowOptions choose what flattenRows keeps. */
export interface RowOptions {
  sort: 'size' | 'name';
  /** categories not shown */
  hidden: ReadonlySet<Category>;
  /** full-path matcher, or undefined for no filter */
  filter: ((path: string) => boolean) | undefined;
  expanded: ReadonlySet<number>;
}

/** Rows are the flattened rows: path ids and depths (1 = top level). */
export interface Rows {
  ids: Int32Array<ArrayBuffer>;
  depths: Int32Array<ArrayBuffer>;
  length: number;
}

/** categoryOf says how path `id`'s row relates to the view's layer; undefined for a context dir. */
export function categoryOf(index: ImageIndex, view: TreeView, id: number): Category | undefined {
  const r = view.row[id] as number;
  if (r < 0) return undefined;
  const e = index.model.events;
  if (view.mode === 'fs' && e.layer[r] !== view.layer) return 'unmodified';
  const k = e.kind[r];
  if (k === K_ADDED) return 'added';
  if (k === K_DELETED || k === K_HIDDEN) return 'removed';
  return 'modified';
}

/** keptPaths marks the paths shown under the toggles and filter (a kept path keeps its parents). */
export function keptPaths(index: ImageIndex, view: TreeView, opts: RowOptions): Uint8Array {
  const n = index.pathCount;
  const keep = new Uint8Array(n);
  const noFilter = opts.filter === undefined && opts.hidden.size === 0;
  for (let id = n - 1; id > 0; id--) {
    if (view.present[id] !== 1) continue;
    if (noFilter) {
      keep[id] = 1;
      continue;
    }
    if (keep[id] !== 1) {
      const cat = categoryOf(index, view, id);
      const shown = cat !== undefined && !opts.hidden.has(cat);
      if (shown && (opts.filter === undefined || opts.filter(index.path(id)))) keep[id] = 1;
    }
    if (keep[id] === 1) keep[index.parent(id)] = 1;
  }
  return keep;
}

/** flattenRows walks the view; `keep` comes from keptPaths with the same options. */
export function flattenRows(index: ImageIndex, view: TreeView, keep: Uint8Array, opts: RowOptions): Rows {
  let ids = new Int32Array(1024);
  let depths = new Int32Array(1024);
  let length = 0;
  const openAll = opts.filter !== undefined;
  const stack: number[] = [];
  const depthStack: number[] = [];
  const pushChildren = (id: number, depth: number) => {
    const kids = Array.from(index.children(id)).filter((c) => keep[c] === 1);
    if (opts.sort === 'size') kids.sort((a, b) => (view.total[b] as number) - (view.total[a] as number));
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push(kids[i] as number);
      depthStack.push(depth);
    }
  };
  pushChildren(0, 1);
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const depth = depthStack.pop() as number;
    if (length === ids.length) {
      ids = grow(ids);
      depths = grow(depths);
    }
    ids[length] = id;
    depths[length] = depth;
    length++;
    if (openAll || opts.expanded.has(id)) pushChildren(id, depth + 1);
  }
  return { ids, depths, length };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
