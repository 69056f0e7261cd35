/**
 * EventLog: every change the stacker records, column-wise. A layer's events are a contiguous range;
 * a path's events form a chain (next-index column), so both `changeSet(layer)` and
 * `pathHistory(path)` are read without scanning everything.
 */
import type { ChangeKind, Modification } from './change-set.js';
import { regrow } from './regrow.js';

/** KIND_CODES orders change kinds by their stored code. */
export const KIND_CODES: readonly ChangeKind[] = ['added', 'modified', 'deleted', 'hidden'];

/** MOD_CODES orders modifications by their stored code; 0 = not a modification. */
export const MOD_CODES: readonly (Modification | undefined)[] = [undefined, 'content', 'metadata'];

/** RecordedEvent is one event as stored (refs are version references, see version-ref.ts). */
export interface RecordedEvent {
  pathId: number;
  layer: number;
  kind: ChangeKind;
  modification: Modification | undefined;
  fieldMask: number;
  /** the version added, or the version removed */
  ref: number;
  /** for modifications: the version replaced */
  prevRef: number;
}

/** EventLog stores events; append them layer by layer, in order. */
export class EventLog {
  private n = 0;
  private cap = 0;
  private pathCol = new Int32Array(0);
  private layerCol = new Int32Array(0);
  private kindCol = new Uint8Array(0);
  private modCol = new Uint8Array(0);
  private fieldCol = new Uint8Array(0);
  private refCol = new Float64Array(0);
  private prevCol = new Float64Array(0);
  private nextCol = new Int32Array(0);
  private heads: Int32Array;
  private tails: Int32Array;
  private readonly layerStarts: number[] = [];

  constructor(pathCount: number) {
    this.heads = new Int32Array(pathCount).fill(-1);
    this.tails = new Int32Array(pathCount).fill(-1);
  }

  /** beginLayer marks where layer `layer`'s events start; call once per layer, in order. */
  beginLayer(layer: number): void {
    this.layerStarts[layer] = this.n;
  }

  /** append records one event. */
  append(
    pathId: number,
    layer: number,
    kind: number,
    mod: number,
    fieldMask: number,
    ref: number,
    prevRef: number,
  ): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.pathCol[i] = pathId;
    this.layerCol[i] = layer;
    this.kindCol[i] = kind;
    this.modCol[i] = mod;
    this.fieldCol[i] = fieldMask;
    this.refCol[i] = ref;
    this.prevCol[i] = prevRef;
    this.nextCol[i] = -1;
    if (pathId >= this.heads.length) this.growPaths(pathId + 1);
    const tail = this.tails[pathId] ?? -1;
    if (tail < 0) this.heads[pathId] = i;
    else this.nextCol[tail] = i;
    this.tails[pathId] = i;
  }

  /** layerEvents returns the events of one layer, in the order recorded. */
  *layerEvents(layer: number): Iterable<RecordedEvent> {
    const start = this.layerStarts[layer];
    if (start === undefined) return;
    const end = this.layerStarts[layer + 1] ?? this.n;
    for (let i = start; i < end; i++) yield this.get(i);
  }

  /** pathEvents returns the events of one path, oldest first. */
  *pathEvents(pathId: number): Iterable<RecordedEvent> {
    for (let i = this.heads[pathId] ?? -1; i >= 0; i = this.nextCol[i] ?? -1) yield this.get(i);
  }

  private get(i: number): RecordedEvent {
    return {
      pathId: this.pathCol[i] ?? 0,
      layer: this.layerCol[i] ?? 0,
      kind: KIND_CODES[this.kindCol[i] ?? 0] ?? 'added',
      modification: MOD_CODES[this.modCol[i] ?? 0],
      fieldMask: this.fieldCol[i] ?? 0,
      ref: this.refCol[i] ?? -1,
      prevRef: this.prevCol[i] ?? -1,
    };
  }

  /** growPaths makes room for path ids below `count` (stacking interns paths it resolves). */
  private growPaths(count: number): void {
    const cap = Math.max(count, this.heads.length * 2);
    const used = this.heads.length;
    this.heads = regrow(this.heads, cap, used).fill(-1, used);
    this.tails = regrow(this.tails, cap, used).fill(-1, used);
  }

  private grow(): void {
    const cap = Math.max(256, this.cap * 2);
    const n = this.n;
    this.pathCol = regrow(this.pathCol, cap, n);
    this.layerCol = regrow(this.layerCol, cap, n);
    this.nextCol = regrow(this.nextCol, cap, n);
    this.kindCol = regrow(this.kindCol, cap, n);
    this.modCol = regrow(this.modCol, cap, n);
    this.fieldCol = regrow(this.fieldCol, cap, n);
    this.refCol = regrow(this.refCol, cap, n);
    this.prevCol = regrow(this.prevCol, cap, n);
    this.cap = cap;
  }
}
