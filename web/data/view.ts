/**
 * computeView: one tree view of one layer — dive's two modes: `changes` (what this layer added,
 * modified, deleted or hid, with the directories that hold them as context) and `fs` (the filesystem
 * as stacked up to and including this layer, with this layer's changes marked and what it removed
 * still shown, marked removed). For every path: the event row shown (or -1), whether the row is
 * present at all (itself or as context), and the bytes at and below it.
 */
import type { ImageIndex } from './image-index.js';
import { K_DELETED, K_HIDDEN } from './image-index.js';

/** ViewMode is `changes` (this layer's changes) or `fs` (the filesystem up to this layer). */
export type ViewMode = 'changes' | 'fs';

/** TreeView is a computed view; arrays are indexed by path id. */
export interface TreeView {
  layer: number;
  mode: ViewMode;
  /** the event row a path shows, or -1 (a context directory, or absent) */
  row: Int32Array;
  /** 1 where the path is shown (with a row, or as the parent of one) */
  present: Uint8Array;
  /** own bytes (non-directories) plus everything shown below; removed rows count in changes only */
  total: Float64Array;
}

const DIR = 1; // ENTRY_TYPES.indexOf('dir')

/** computeView computes the view of `layer` in `mode`. */
export function computeView(index: ImageIndex, layer: number, mode: ViewMode): TreeView {
  const n = index.pathCount;
  const m = index.model;
  const { path, kind, layer: layerOf, size, type } = m.events;
  const row = new Int32Array(n).fill(-1);
  const from = mode === 'changes' ? (m.layerStart[layer] as number) : 0;
  const to = m.layerStart[layer + 1] as number;
  for (let r = from; r < to; r++) {
    const p = path[r] as number;
    const k = kind[r];
    const removed = k === K_DELETED || k === K_HIDDEN;
    row[p] = removed && layerOf[r] !== layer ? -1 : r;
  }
  const present = new Uint8Array(n);
  const total = new Float64Array(n);
  for (let id = n - 1; id > 0; id--) {
    const r = row[id] as number;
    if (r >= 0) {
      present[id] = 1;
      const k = kind[r];
      const removed = k === K_DELETED || k === K_HIDDEN;
      if (type[r] !== DIR && (mode === 'changes' || !removed))
        total[id] = (total[id] as number) + (size[r] as number);
    }
    if (present[id] === 1) {
      const p = index.parent(id);
      present[p] = 1;
      total[p] = (total[p] as number) + (total[id] as number);
    }
  }
  return { layer, mode, row, present, total };
}
