/**
 * ImageIndex: the explore model's path table and events made navigable — each directory's children,
 * each path's events oldest first, full paths, and the per-layer change counts the layer list shows.
 * Built once per model; every view is computed from it.
 */
import { EVENT_KINDS, type ExploreModel } from '../../src/report/explore-types.js';

/** KIND codes, as stored in the model's events. */
export const K_ADDED = EVENT_KINDS.indexOf('added');
export const K_MODIFIED = EVENT_KINDS.indexOf('modified');
export const K_METADATA = EVENT_KINDS.indexOf('metadata');
export const K_DELETED = EVENT_KINDS.indexOf('deleted');
export const K_HIDDEN = EVENT_KINDS.indexOf('hidden');

/** LayerCounts is what one layer changed. */
export interface LayerCounts {
  added: number;
  modified: number;
  removed: number;
}

/** ImageIndex answers structural questions about a model. */
export class ImageIndex {
  readonly pathCount: number;
  /**
   * children of id are childIds[childStart[id] .. childStart[id+1]-1], in id order — which is name
   * order, since the model numbers paths depth-first with siblings by name
   */
  readonly childStart: Int32Array;
  readonly childIds: Int32Array;
  /** first event row of each path (-1: none) and the next row of the same path */
  private readonly firstEvent: Int32Array;
  private readonly nextEvent: Int32Array;
  private readonly pathCache = new Map<number, string>();
  private readonly byPath = new Map<string, number>();

  constructor(readonly model: ExploreModel) {
    const { parent } = model.paths;
    const n = parent.length;
    this.pathCount = n;
    const count = new Int32Array(n + 1);
    for (let id = 1; id < n; id++)
      count[(parent[id] as number) + 1] = (count[(parent[id] as number) + 1] as number) + 1;
    this.childStart = new Int32Array(n + 1);
    for (let id = 0; id < n; id++)
      this.childStart[id + 1] = (this.childStart[id] as number) + (count[id + 1] as number);
    this.childIds = new Int32Array(Math.max(0, n - 1));
    const fill = this.childStart.slice(0, n);
    for (let id = 1; id < n; id++) {
      const p = parent[id] as number;
      const at = fill[p] as number;
      this.childIds[at] = id;
      fill[p] = at + 1;
    }
    const rows = model.events.path.length;
    this.firstEvent = new Int32Array(n).fill(-1);
    this.nextEvent = new Int32Array(rows).fill(-1);
    const last = new Int32Array(n).fill(-1);
    for (let r = 0; r < rows; r++) {
      const p = model.events.path[r] as number;
      const l = last[p] as number;
      if (l < 0) this.firstEvent[p] = r;
      else this.nextEvent[l] = r;
      last[p] = r;
    }
  }

  /** layerCount is the number of layers. */
  get layerCount(): number {
    return this.model.layerStart.length - 1;
  }

  /** name of a path id. */
  name(id: number): string {
    return this.model.paths.name[id] ?? '';
  }

  /** parent of a path id (-1 for the root). */
  parent(id: number): number {
    return this.model.paths.parent[id] ?? -1;
  }

  /** children returns a path's children, sorted by name. */
  children(id: number): Int32Array {
    return this.childIds.subarray(this.childStart[id] as number, this.childStart[id + 1] as number);
  }

  /** path returns the full path of an id (`` for the root). */
  path(id: number): string {
    if (id <= 0) return '';
    let p = this.pathCache.get(id);
    if (p === undefined) {
      const up = this.path(this.parent(id));
      p = up === '' ? this.name(id) : `${up}/${this.name(id)}`;
      if (this.pathCache.size > 200_000) this.pathCache.clear();
      this.pathCache.set(id, p);
    }
    return p;
  }

  /** lookup returns the id of a full path, or undefined. */
  lookup(path: string): number | undefined {
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (clean === '') return 0;
    const known = this.byPath.get(clean);
    if (known !== undefined) return known;
    let id = 0;
    for (const seg of clean.split('/')) {
      const kids = this.children(id);
      let found = -1;
      for (const k of kids) if (this.name(k) === seg) found = k;
      if (found < 0) return undefined;
      id = found;
    }
    this.byPath.set(clean, id);
    return id;
  }

  /** events returns the event rows of a path, oldest first. */
  events(id: number): number[] {
    const out: number[] = [];
    for (let r = this.firstEvent[id] ?? -1; r >= 0; r = this.nextEvent[r] ?? -1) out.push(r);
    return out;
  }

  /** counts returns what layer `layer` added, modified and removed (deleted or hidden). */
  counts(layer: number): LayerCounts {
    const c: LayerCounts = { added: 0, modified: 0, removed: 0 };
    const kinds = this.model.events.kind;
    for (let r = this.model.layerStart[layer] ?? 0; r < (this.model.layerStart[layer + 1] ?? 0); r++) {
      const k = kinds[r];
      if (k === K_ADDED) c.added++;
      else if (k === K_MODIFIED || k === K_METADATA) c.modified++;
      else c.removed++;
    }
    return c;
  }
}
