/**
 * KillLog: for every regular-file row, which later layer (or the same layer) made it invisible and
 * why. Waste accounting reads it; the stacker writes each row at most once.
 */
import type { LayerTable } from './layer-table.js';

/** KillReason says how a file version stopped being visible. */
export type KillReason = 'overwritten' | 'metadata-only' | 'deleted' | 'hidden';

/** KILL_REASONS orders reasons by code; code 0 = still visible. */
export const KILL_REASONS: readonly (KillReason | undefined)[] = [
  undefined,
  'overwritten',
  'metadata-only',
  'deleted',
  'hidden',
];

/** KILL_OVERWRITTEN etc. are the stored codes. */
export const KILL_OVERWRITTEN = 1;
export const KILL_METADATA = 2;
export const KILL_DELETED = 3;
export const KILL_HIDDEN = 4;

/** KillLog holds, per layer, the killer layer (-1 = none) and reason code of each row. */
export class KillLog {
  private readonly killers: Int32Array[];
  private readonly reasons: Uint8Array[];

  constructor(tables: readonly LayerTable[]) {
    this.killers = tables.map((t) => new Int32Array(t.count).fill(-1));
    this.reasons = tables.map((t) => new Uint8Array(t.count));
  }

  /** record notes that `killer` removed row `row` of `layer`, unless already recorded. */
  record(layer: number, row: number, killer: number, reason: number): void {
    const k = this.killers[layer];
    const r = this.reasons[layer];
    if (k === undefined || r === undefined || row >= k.length || (k[row] ?? -1) >= 0) return;
    k[row] = killer;
    r[row] = reason;
  }

  /** killer returns the layer that removed the row, or -1. */
  killer(layer: number, row: number): number {
    return this.killers[layer]?.[row] ?? -1;
  }

  /** reason returns why the row was removed, or undefined while it is visible. */
  reason(layer: number, row: number): KillReason | undefined {
    return KILL_REASONS[this.reasons[layer]?.[row] ?? 0];
  }
}
