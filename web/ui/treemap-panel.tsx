/**
 * TreemapPanel: the selected view's filesystem by size as a treemap (d3-hierarchy's squarified
 * layout) three levels deep from the root, small boxes dropped; clicking a box reveals it in the tree.
 */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { ImageIndex } from '../data/image-index.js';
import { formatBytes } from '../data/format.js';
import type { TreeView } from '../data/view.js';

/** TreemapPanelProps: the index, the view and where a click leads. */
export interface TreemapPanelProps {
  index: ImageIndex;
  view: TreeView;
  onReveal(id: number): void;
}

interface Box {
  id: number;
  size: number;
  children?: Box[];
}

const WIDTH = 560;
const HEIGHT = 420;
const DEPTH = 3;
const PER_DIR = 40;

function boxes(index: ImageIndex, view: TreeView, id: number, depth: number): Box {
  const kids = Array.from(index.children(id))
    .filter((c) => view.present[c] === 1 && (view.total[c] as number) > 0)
    .sort((a, b) => (view.total[b] as number) - (view.total[a] as number))
    .slice(0, PER_DIR);
  if (depth >= DEPTH || kids.length === 0) return { id, size: view.total[id] as number };
  const children = kids.map((c) => boxes(index, view, c, depth + 1));
  const shown = kids.reduce((n, c) => n + (view.total[c] as number), 0);
  const rest = (view.total[id] as number) - shown;
  // what the listed children don't cover stays in the directory's own box
  return { id, size: Math.max(0, rest), children };
}

/** TreemapPanel draws the treemap. */
export function TreemapPanel({ index, view, onReveal }: TreemapPanelProps) {
  const root = hierarchy<Box>(boxes(index, view, 0, 0), (b) => b.children).sum((b) => b.size);
  const laid = treemap<Box>().tile(treemapSquarify).size([WIDTH, HEIGHT]).paddingInner(1).paddingTop(14)(
    root,
  );
  const nodes = laid.descendants().filter((n) => n.depth > 0 && n.x1 - n.x0 >= 3 && n.y1 - n.y0 >= 3);
  return (
    <div class="panel treemap-panel">
      <p class="note">
        {view.mode === 'fs' ? 'filesystem up to' : 'changes of'} layer {view.layer} by size; click a box to
        find it
      </p>
      <div class="treemap" style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}>
        {nodes.map((n) => (
          <div
            key={n.data.id}
            class={`box d${n.depth}`}
            data-path={index.path(n.data.id)}
            title={`/${index.path(n.data.id)} ${formatBytes(view.total[n.data.id] as number)}`}
            style={{
              left: `${n.x0}px`,
              top: `${n.y0}px`,
              width: `${n.x1 - n.x0}px`,
              height: `${n.y1 - n.y0}px`,
            }}
            onClick={(ev) => {
              ev.stopPropagation();
              onReveal(n.data.id);
            }}
          >
            {n.x1 - n.x0 > 40 && n.y1 - n.y0 > 12 ? index.name(n.data.id) : ''}
          </div>
        ))}
      </div>
    </div>
  );
}
