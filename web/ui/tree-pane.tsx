/**
 * TreePane: the selected layer's file tree — dive's toggle between this layer's changes and the
 * filesystem up to this layer, sort, filter, the change-kind toggles and a virtualized list (only the
 * rows in sight are in the DOM, so a million paths scroll like ten).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { EVENT_KINDS, ENTRY_TYPES } from '../../src/report/explore-types.js';
import type { ImageIndex } from '../data/image-index.js';
import { formatBytes, modeString } from '../data/format.js';
import type { Category, Rows } from '../data/rows.js';
import type { TreeView, ViewMode } from '../data/view.js';

/** ROW_HEIGHT is every row's height in pixels (the virtual list depends on it). */
export const ROW_HEIGHT = 20;
const OVERSCAN = 15;

const MARK: Record<string, string> = {
  added: '+',
  modified: '~',
  metadata: '~',
  deleted: '−',
  hidden: '×',
};

/** TreePaneProps: the view, its rows and the controls' state. */
export interface TreePaneProps {
  index: ImageIndex;
  view: TreeView;
  rows: Rows;
  selected: number;
  focused: boolean;
  expanded: ReadonlySet<number>;
  sort: 'size' | 'name';
  filter: string;
  hidden: ReadonlySet<Category>;
  /** bumped to scroll the selected row into view */
  revealTick: number;
  filterRef: { current: HTMLInputElement | null };
  onSelect(id: number): void;
  onToggleDir(id: number): void;
  onMode(mode: ViewMode): void;
  onSort(sort: 'size' | 'name'): void;
  onFilter(text: string): void;
  onToggleCategory(c: Category): void;
  onExpandAll(open: boolean): void;
}

const CATS: [Category, string][] = [
  ['added', 'a'],
  ['modified', 'm'],
  ['removed', 'r'],
  ['unmodified', 'u'],
];

/** TreePane renders the toolbar and the rows. */
export function TreePane(p: TreePaneProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  // keep the selected row in sight when it moves by keyboard or is revealed
  useEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const at = indexOfRow(p.rows, p.selected);
    if (at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
      setScrollTop(el.scrollTop);
    }
  }, [p.selected, p.revealTick, p.rows]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const items = [];
  // keyed by slot, not by path: a jump reuses the row elements instead of replacing them all
  const slots = last - first;
  for (let i = first; i < last; i++) items.push(<TreeRow key={i % Math.max(1, slots)} p={p} at={i} />);
  return (
    <section class={`pane tree-pane${p.focused ? ' focused' : ''}`} aria-label="Files">
      <div class="toolbar">
        <div class="seg" role="group" aria-label="view">
          <button
            class={p.view.mode === 'changes' ? 'on' : ''}
            data-mode="changes"
            onClick={() => p.onMode('changes')}
            title="what this layer changed (v)"
          >
            This layer’s changes
          </button>
          <button
            class={p.view.mode === 'fs' ? 'on' : ''}
            data-mode="fs"
            onClick={() => p.onMode('fs')}
            title="the filesystem up to and including this layer (v)"
          >
            Filesystem up to here
          </button>
        </div>
        <select
          aria-label="sort"
          value={p.sort}
          onChange={(e) => p.onSort((e.currentTarget as HTMLSelectElement).value as 'size' | 'name')}
        >
          <option value="size">by size</option>
          <option value="name">by name</option>
        </select>
        <input
          ref={p.filterRef}
          class="filter"
          type="search"
          placeholder="filter: text or glob ( / )"
          value={p.filter}
          onInput={(e) => p.onFilter((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="seg" role="group" aria-label="show">
          {CATS.map(([c, key]) => (
            <button
              key={c}
              data-category={c}
              class={p.hidden.has(c) ? '' : 'on'}
              title={`show ${c} (${key})`}
              onClick={() => p.onToggleCategory(c)}
            >
              {c}
            </button>
          ))}
        </div>
        <button onClick={() => p.onExpandAll(true)} title="expand every directory (e)">
          expand all
        </button>
        <button onClick={() => p.onExpandAll(false)} title="collapse every directory (c)">
          collapse all
        </button>
        <span class="row-count">{p.rows.length} rows</span>
      </div>
      <div
        class="tree-scroll"
        ref={scroller}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div class="tree-body" style={{ height: `${p.rows.length * ROW_HEIGHT}px` }}>
          {items}
        </div>
      </div>
    </section>
  );
}

function TreeRow({ p, at }: { p: TreePaneProps; at: number }) {
  const id = p.rows.ids[at] as number;
  const depth = p.rows.depths[at] as number;
  const e = p.index.model.events;
  const r = p.view.row[id] as number;
  const kids = p.index.children(id).some((c) => p.view.present[c] === 1);
  const type = r >= 0 ? (ENTRY_TYPES[e.type[r] as number] ?? 'file') : 'dir';
  const change =
    r < 0 || (p.view.mode === 'fs' && e.layer[r] !== p.view.layer)
      ? ''
      : (EVENT_KINDS[e.kind[r] as number] ?? '');
  const link = r >= 0 ? e.links[r] : undefined;
  const open = kids && (p.expanded.has(id) || p.filter.trim() !== '');
  return (
    <div
      class={`row${id === p.selected ? ' selected' : ''}${change === '' ? '' : ` ch-${change}`}`}
      style={{ top: `${at * ROW_HEIGHT}px` }}
      data-path={p.index.path(id)}
      data-change={change}
      data-type={type}
      onClick={() => p.onSelect(id)}
    >
      <span class="mark">{MARK[change] ?? (r < 0 ? '' : ' ')}</span>
      <span class="perm">{r >= 0 ? modeString(e.type[r] as number, e.mode[r] as number) : ''}</span>
      <span class="owner">{r >= 0 ? `${e.uid[r]}:${e.gid[r]}` : ''}</span>
      <span class="size">{formatBytes(p.view.total[id] as number)}</span>
      <span class="name" style={{ paddingLeft: `${(depth - 1) * 14}px` }}>
        <span
          class="twisty"
          onClick={(ev) => {
            ev.stopPropagation();
            if (kids) p.onToggleDir(id);
          }}
        >
          {kids ? (open ? '▾' : '▸') : ' '}
        </span>
        {p.index.name(id)}
        {link !== undefined && <span class="link"> → {link}</span>}
        {change === 'metadata' && <span class="tag"> metadata only</span>}
      </span>
    </div>
  );
}

/** indexOfRow finds a path id among the rows (-1 when not shown). */
export function indexOfRow(rows: Rows, id: number): number {
  for (let i = 0; i < rows.length; i++) if (rows.ids[i] === id) return i;
  return -1;
}
