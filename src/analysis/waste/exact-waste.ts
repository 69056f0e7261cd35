/**
 * Exact waste (DESIGN §5.3): the bytes of every regular-file version stored in some layer that the
 * final filesystem no longer shows — overwritten, deleted (directory deletes included), hidden by an
 * opaque directory, or replaced by a copy that only changed metadata (the old copy counts, once).
 *
 * Hard links: a hard-link entry stores no bytes, so it adds nothing to a layer's file bytes; a stored
 * version is not wasted while any visible path (itself or a hard link to it) shows it, and the final
 * filesystem counts each stored version once however many links show it. Hence
 *   total = Σ all layers' regular-file bytes − Σ bytes of the stored versions still shown,
 * which is exactly what a squash would drop.
 */
import type { KillReason } from '../../filetree/kill-log.js';
import type { FileVersion, LayerStack } from '../../filetree/layer-stack.js';

/** WasteOptions tune the report. */
export interface WasteOptions {
  /** how many paths `topPaths` keeps (default 20) */
  topPaths?: number;
}

/** WasteTally is a byte and file count. */
export interface WasteTally {
  bytes: number;
  files: number;
}

/** WastedVersion is one stored file version that is not visible. */
export interface WastedVersion {
  path: string;
  /** the layer whose tar holds the bytes */
  layer: number;
  size: number;
  /** the layer that overwrote, deleted or hid it (may equal `layer` for a same-layer replacement) */
  killedBy: number;
  reason: KillReason;
}

/** WastedPath groups a path's wasted versions. */
export interface WastedPath {
  path: string;
  bytes: number;
  versions: WastedVersion[];
}

/** WasteReport is the exact waste of one stack of layers. */
export interface WasteReport {
  /** reclaimable bytes */
  totalBytes: number;
  wastedFiles: number;
  /** Σ regular-file content bytes over all layers */
  layerFileBytes: number;
  /** Σ content bytes the final filesystem shows (hard-linked content once) */
  finalFileBytes: number;
  /** per layer holding the wasted bytes, index = layer */
  byLayer: WasteTally[];
  /** per layer that overwrote, deleted or hid them, index = layer */
  byKiller: WasteTally[];
  byReason: Record<KillReason, WasteTally>;
  /** the paths with the most wasted bytes, largest first */
  topPaths: WastedPath[];
}

const REASONS: readonly KillReason[] = ['overwritten', 'metadata-only', 'deleted', 'hidden'];

/** computeWaste accounts every stored file version of `stack`. */
export function computeWaste(stack: LayerStack, opts: WasteOptions = {}): WasteReport {
  const n = stack.layerCount;
  const tally = (): WasteTally => ({ bytes: 0, files: 0 });
  const report: WasteReport = {
    totalBytes: 0,
    wastedFiles: 0,
    layerFileBytes: 0,
    finalFileBytes: 0,
    byLayer: Array.from({ length: n }, tally),
    byKiller: Array.from({ length: n }, tally),
    byReason: Object.fromEntries(REASONS.map((r) => [r, tally()])) as Record<KillReason, WasteTally>,
    topPaths: [],
  };
  const perPath = new Map<string, WastedPath>();
  for (const v of stack.fileVersions()) {
    report.layerFileBytes += v.size;
    if (v.live) {
      report.finalFileBytes += v.size;
      continue;
    }
    const w = wasted(v);
    report.totalBytes += w.size;
    report.wastedFiles++;
    add(report.byLayer[w.layer], w.size);
    add(report.byKiller[w.killedBy], w.size);
    add(report.byReason[w.reason], w.size);
    let p = perPath.get(w.path);
    if (p === undefined) {
      p = { path: w.path, bytes: 0, versions: [] };
      perPath.set(w.path, p);
    }
    p.bytes += w.size;
    p.versions.push(w);
  }
  report.topPaths = [...perPath.values()]
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1))
    .slice(0, opts.topPaths ?? 20);
  return report;
}

function wasted(v: FileVersion): WastedVersion {
  return {
    path: v.path,
    layer: v.layer,
    size: v.size,
    killedBy: v.killedBy ?? v.layer,
    reason: v.reason ?? 'overwritten',
  };
}

function add(t: WasteTally | undefined, bytes: number): void {
  if (t === undefined) return;
  t.bytes += bytes;
  t.files++;
}
