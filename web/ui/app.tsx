/**
 * App: the explorer — layers left, the file tree in the middle, a side panel (waste, secrets,
 * history, treemap, file, compare) right. Holds the state, keeps it in the URL fragment, and handles
 * the keyboard the way dive does.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExploreModel } from '../../src/report/explore-types.js';
import { formatBytes } from '../data/format.js';
import { pathFilter } from '../data/glob.js';
import { ImageIndex } from '../data/image-index.js';
import { type Category, flattenRows, keptPaths } from '../data/rows.js';
import { formatState, parseState } from '../data/url-state.js';
import { computeView, type ViewMode } from '../data/view.js';
import { ComparePanel } from './compare-panel.js';
import { FilePanel } from './file-panel.js';
import { HelpOverlay } from './help-overlay.js';
import { HistoryPanel } from './history-panel.js';
import { LayersPane } from './layers-pane.js';
import { SecretsPanel } from './secrets-panel.js';
import { indexOfRow, TreePane } from './tree-pane.js';
import { TreemapPanel } from './treemap-panel.js';
import { WastePanel } from './waste-panel.js';

/** EXPAND_ALL_LIMIT: images with at most this many paths open fully expanded. */
const EXPAND_ALL_LIMIT = 50_000;

const PANELS: [string, string, string][] = [
  ['waste', 'Waste', 'w'],
  ['secrets', 'Secrets', 'x'],
  ['history', 'History', 'h'],
  ['treemap', 'Treemap', 't'],
  ['file', 'File', 'f'],
  ['compare', 'Compare', 'k'],
];

function allDirs(index: ImageIndex): Set<number> {
  const s = new Set<number>();
  for (let id = 0; id < index.pathCount; id++) if (index.children(id).length > 0) s.add(id);
  return s;
}

/** toggled returns a copy of `set` with `item` added, or removed when it was there. */
function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const s = new Set(set);
  if (s.has(item)) s.delete(item);
  else s.add(item);
  return s;
}

function ancestors(index: ImageIndex, id: number): number[] {
  const out: number[] = [];
  for (let p = index.parent(id); p > 0; p = index.parent(p)) out.push(p);
  return out;
}

/** App renders the explorer for one model. */
export function App({ model }: { model: ExploreModel }) {
  const index = useMemo(() => new ImageIndex(model), [model]);
  const initial = useMemo(() => parseState(location.hash, index.layerCount), [index]);
  const [layer, setLayer] = useState(initial.layer);
  const [mode, setMode] = useState<ViewMode>(initial.view);
  const [sort, setSort] = useState(initial.sort);
  const [filter, setFilter] = useState(initial.filter);
  const [hidden, setHidden] = useState<ReadonlySet<Category>>(new Set(initial.hidden));
  const [panel, setPanel] = useState(initial.panel);
  const [pane, setPane] = useState<'layers' | 'tree'>('tree');
  const [help, setHelp] = useState(false);
  const [revealTick, setRevealTick] = useState(0);
  const initialId = index.lookup(initial.path) ?? 0;
  const [selected, setSelected] = useState(initialId);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => {
    const s = index.pathCount <= EXPAND_ALL_LIMIT ? allDirs(index) : new Set<number>();
    for (const a of ancestors(index, initialId)) s.add(a);
    return s;
  });
  const filterRef = useRef<HTMLInputElement | null>(null);

  const view = useMemo(() => computeView(index, layer, mode), [index, layer, mode]);
  const matcher = useMemo(() => pathFilter(filter), [filter]);
  const rowOpts = { sort, hidden, filter: matcher, expanded };
  const keep = useMemo(() => keptPaths(index, view, rowOpts), [index, view, hidden, matcher]);
  const rows = useMemo(
    () => flattenRows(index, view, keep, rowOpts),
    [index, view, keep, sort, expanded, matcher],
  );

  useEffect(() => {
    const hash = formatState({
      layer,
      view: mode,
      path: index.path(selected),
      sort,
      filter,
      hidden: [...hidden],
      panel,
    });
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, [layer, mode, selected, sort, filter, hidden, panel]);

  const reveal = (toLayer: number, path: string, toMode: ViewMode = 'changes') => {
    const id = index.lookup(path);
    setLayer(toLayer);
    setMode(toMode);
    if (id === undefined) return;
    setExpanded((old) => new Set([...old, ...ancestors(index, id)]));
    setSelected(id);
    setPane('tree');
    setRevealTick((t) => t + 1);
  };
  const toggleDir = (id: number) => setExpanded((old) => toggled(old, id));
  const toggleCategory = (c: Category) => setHidden((old) => toggled(old, c));
  const hasKids = (id: number) => index.children(id).some((c) => view.present[c] === 1);

  const onKey = (ev: KeyboardEvent) => {
    const target = ev.target as HTMLElement | null;
    const typing = target !== null && (target.tagName === 'INPUT' || target.tagName === 'SELECT');
    if (typing) {
      if (ev.key === 'Escape' || ev.key === 'Enter') target.blur();
      return;
    }
    if (help) {
      if (ev.key === 'Escape' || ev.key === '?') setHelp(false);
      return;
    }
    const at = indexOfRow(rows, selected);
    const handled = (() => {
      switch (ev.key) {
        case 'Tab':
          setPane(pane === 'tree' ? 'layers' : 'tree');
          return true;
        case 'ArrowDown':
        case 'ArrowUp': {
          const d = ev.key === 'ArrowDown' ? 1 : -1;
          if (pane === 'layers') setLayer(Math.min(index.layerCount - 1, Math.max(0, layer + d)));
          else if (rows.length > 0) {
            const next = Math.min(rows.length - 1, Math.max(0, at < 0 ? 0 : at + d));
            setSelected(rows.ids[next] as number);
          }
          return true;
        }
        case 'ArrowRight':
          if (pane === 'tree' && hasKids(selected) && !expanded.has(selected)) toggleDir(selected);
          return pane === 'tree';
        case 'ArrowLeft':
          if (pane !== 'tree') return false;
          if (hasKids(selected) && expanded.has(selected)) toggleDir(selected);
          else if (index.parent(selected) > 0) setSelected(index.parent(selected));
          return true;
        case ' ': {
          if (pane !== 'tree' || selected <= 0) return false;
          const dir = hasKids(selected) ? selected : index.parent(selected);
          if (dir > 0) {
            toggleDir(dir);
            setSelected(dir);
          }
          return true;
        }
        case 'Enter':
          setPanel('file');
          return true;
        case '/':
          filterRef.current?.focus();
          return true;
        case '?':
          setHelp(true);
          return true;
        case 'v':
          setMode(mode === 'fs' ? 'changes' : 'fs');
          return true;
        case 's':
          setSort(sort === 'size' ? 'name' : 'size');
          return true;
        case 'a':
          toggleCategory('added');
          return true;
        case 'm':
          toggleCategory('modified');
          return true;
        case 'r':
          toggleCategory('removed');
          return true;
        case 'u':
          toggleCategory('unmodified');
          return true;
        case 'e':
          setExpanded(allDirs(index));
          return true;
        case 'c':
          setExpanded(new Set());
          return true;
        default: {
          const p = PANELS.find(([, , key]) => key === ev.key);
          if (p !== undefined) setPanel(p[0]);
          return p !== undefined;
        }
      }
    })();
    if (handled) ev.preventDefault();
  };
  useEffect(() => {
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const t = model.inspect.totals;
  return (
    <div class="app">
      <header>
        <h1>
          stowage <span class="ref">{model.inspect.reference}</span>
        </h1>
        <span class="totals">
          {t.layers} layers · {formatBytes(t.compressedSize)} stored · {formatBytes(t.uncompressedSize)}{' '}
          unpacked · {formatBytes(model.waste.totals.reclaimableBytes)} reclaimable
        </span>
        <button class="help-button" onClick={() => setHelp(true)} title="keyboard shortcuts (?)">
          ?
        </button>
      </header>
      {model.warnings.length > 0 && (
        <div class="warnings" role="status">
          {model.warnings.map((w) => (
            <div key={w}>warning: {w}</div>
          ))}
        </div>
      )}
      <main>
        <LayersPane
          index={index}
          layer={layer}
          focused={pane === 'layers'}
          onSelect={(l) => {
            setLayer(l);
            setPane('layers');
          }}
        />
        <TreePane
          index={index}
          view={view}
          rows={rows}
          selected={selected}
          focused={pane === 'tree'}
          expanded={expanded}
          sort={sort}
          filter={filter}
          hidden={hidden}
          revealTick={revealTick}
          filterRef={filterRef}
          onSelect={(id) => {
            setSelected(id);
            setPane('tree');
          }}
          onToggleDir={toggleDir}
          onMode={setMode}
          onSort={setSort}
          onFilter={setFilter}
          onToggleCategory={toggleCategory}
          onExpandAll={(open) => setExpanded(open ? allDirs(index) : new Set())}
        />
        <aside class="pane side">
          <nav class="tabs">
            {PANELS.filter(([id]) => id !== 'compare' || model.diff !== null).map(([id, label, key]) => (
              <button
                key={id}
                class={panel === id ? 'on' : ''}
                data-panel={id}
                onClick={() => setPanel(id)}
                title={`(${key})`}
              >
                {label}
              </button>
            ))}
          </nav>
          {panel === 'waste' && (
            <WastePanel model={model} onReveal={(l, p) => reveal(l, p)} onLayer={(l) => setLayer(l)} />
          )}
          {panel === 'secrets' && <SecretsPanel model={model} onReveal={(l, p) => reveal(l, p)} />}
          {panel === 'history' && (
            <HistoryPanel index={index} view={view} selected={selected} onLayer={setLayer} />
          )}
          {panel === 'treemap' && (
            <TreemapPanel index={index} view={view} onReveal={(id) => reveal(layer, index.path(id), mode)} />
          )}
          {panel === 'file' && <FilePanel index={index} view={view} selected={selected} />}
          {panel === 'compare' && model.diff !== null && (
            <ComparePanel diff={model.diff} onPath={(p) => reveal(index.layerCount - 1, p, 'fs')} />
          )}
        </aside>
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
