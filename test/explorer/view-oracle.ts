/**
 * Reading the explorer's views the way the UI lays them out, and the CLI documents they must equal:
 * rows of a view as (path, change) pairs, and the same pairs from `tree --format json`.
 */
import { ImageIndex } from '../../web/data/image-index.js';
import { type Category, flattenRows, keptPaths } from '../../web/data/rows.js';
import { computeView, type ViewMode } from '../../web/data/view.js';
import { EVENT_KINDS, type ExploreModel } from '../../src/report/explore-types.js';
import type { TreeDocument } from '../../src/report/tree-report.js';

/** ViewRow is one shown row: its path, the change mark ('' for none) and the bytes shown. */
export interface ViewRow {
  path: string;
  change: string;
  size: number;
}

/** viewRows flattens a view fully expanded, sorted as asked, hiding the given categories. */
export function viewRows(
  model: ExploreModel,
  layer: number,
  mode: ViewMode,
  sort: 'size' | 'name',
  hidden: Category[] = [],
): ViewRow[] {
  const index = new ImageIndex(model);
  const view = computeView(index, layer, mode);
  const all = new Set<number>();
  for (let id = 0; id < index.pathCount; id++) all.add(id);
  const opts = { sort, hidden: new Set(hidden), filter: undefined, expanded: all };
  const rows = flattenRows(index, view, keptPaths(index, view, opts), opts);
  const e = model.events;
  return Array.from(rows.ids.subarray(0, rows.length), (id) => {
    const r = view.row[id] as number;
    const change =
      r < 0 || (mode === 'fs' && e.layer[r] !== layer) ? '' : (EVENT_KINDS[e.kind[r] as number] ?? '');
    return { path: index.path(id), change, size: view.total[id] as number };
  });
}

/** treeRows reads a `tree --format json` document as rows with the explorer's change names. */
export function treeRows(doc: TreeDocument): ViewRow[] {
  return doc.nodes.map((n) => ({
    path: n.path,
    change:
      n.change === null
        ? ''
        : n.change === 'modified' && n.modification === 'metadata'
          ? 'metadata'
          : n.change,
    size: n.totalSize,
  }));
}
