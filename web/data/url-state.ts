/**
 * The explorer's state in the URL fragment — layer, view, selected path, sort, filter, hidden
 * categories and the open panel — so a link or a reload restores it. The access token stays in the
 * query string and never enters the fragment.
 */
import type { Category } from './rows.js';
import type { ViewMode } from './view.js';

/** UrlState is what the fragment holds. */
export interface UrlState {
  layer: number;
  view: ViewMode;
  path: string;
  sort: 'size' | 'name';
  filter: string;
  hidden: Category[];
  panel: string;
}

const CATEGORIES: readonly Category[] = ['added', 'modified', 'removed', 'unmodified'];

/** parseState reads a fragment (`#layer=2&view=fs…`); missing or bad fields take defaults. */
export function parseState(hash: string, layers: number): UrlState {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const layer = q.has('layer') ? Number(q.get('layer')) : 0;
  return {
    layer: Number.isInteger(layer) && layer >= 0 && layer < layers ? layer : 0,
    view: q.get('view') === 'fs' ? 'fs' : 'changes',
    path: q.get('path') ?? '',
    sort: q.get('sort') === 'name' ? 'name' : 'size',
    filter: q.get('filter') ?? '',
    hidden: (q.get('hide') ?? '').split(',').filter((c): c is Category => CATEGORIES.includes(c as Category)),
    panel: q.get('panel') ?? 'waste',
  };
}

/** formatState writes the fragment for a state. */
export function formatState(s: UrlState): string {
  const q = new URLSearchParams();
  q.set('layer', String(s.layer));
  q.set('view', s.view);
  if (s.path !== '') q.set('path', s.path);
  q.set('sort', s.sort);
  if (s.filter !== '') q.set('filter', s.filter);
  if (s.hidden.length > 0) q.set('hide', s.hidden.join(','));
  q.set('panel', s.panel);
  return `#${q.toString()}`;
}
