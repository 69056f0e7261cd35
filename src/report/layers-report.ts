/**
 * buildLayersReport: the `stowage.layers/v1` document — per layer, what it added, modified and
 * deleted relative to the layers below it, the bytes it stores, the bytes it hides below it, and its
 * largest changes.
 */
import type { Change } from '../filetree/change-set.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import type { ImageFacts, LayerFacts } from './analyze-context.js';

/** LAYERS_SCHEMA is the `schema` value of every layers report. */
export const LAYERS_SCHEMA = 'stowage.layers/v1';

/** LayerChange is one change as the reports list it. */
export interface LayerChange {
  path: string;
  kind: 'added' | 'modified' | 'deleted' | 'hidden';
  type: string;
  size: number;
  /** for modified: 'content' or 'metadata', else null */
  modification: 'content' | 'metadata' | null;
}

/** LayerSummary is one layer's row. */
export interface LayerSummary extends LayerFacts {
  /** tar entries (whiteout markers included) */
  entries: number;
  /** Σ regular-file bytes stored in this layer's tar (hard links store none) */
  fileBytes: number;
  added: { count: number; bytes: number };
  modified: { count: number; content: number; metadata: number; bytes: number };
  /** paths removed by whiteouts (everything below a deleted directory included) */
  deleted: { count: number; bytes: number };
  /** paths hidden by an opaque directory marker */
  hidden: { count: number; bytes: number };
  /** bytes of lower versions this layer made invisible: deleted, hidden, and replaced by its modifications */
  hidesBytes: number;
  /** the largest changes, largest first */
  largest: LayerChange[];
}

/** LayersReport is the whole `stowage.layers/v1` document. */
export interface LayersReport {
  schema: typeof LAYERS_SCHEMA;
  reference: string;
  manifestDigest: string;
  layers: LayerSummary[];
  totals: { layers: number; compressedSize: number; fileBytes: number; entries: number };
}

/** toLayerChange keeps the fields reports show. */
export function toLayerChange(c: Change): LayerChange {
  return { path: c.path, kind: c.kind, type: c.type, size: c.size, modification: c.modification ?? null };
}

/** summariseLayers computes every layer's row; `largest` keeps that many changes per layer. */
export function summariseLayers(facts: ImageFacts, stack: LayerStack, largest = 5): LayerSummary[] {
  const fileBytes = new Array<number>(stack.layerCount).fill(0);
  for (const v of stack.fileVersions()) fileBytes[v.layer] = (fileBytes[v.layer] ?? 0) + v.size;
  return facts.layers.map((f, i) => {
    const cs = stack.changeSet(i);
    const deleted = cs.deleted.filter((c) => c.kind === 'deleted');
    const hidden = cs.deleted.filter((c) => c.kind === 'hidden');
    const sum = (list: Change[]) => list.reduce((a, c) => a + c.size, 0);
    const content = cs.modified.filter((c) => c.modification === 'content').length;
    const replaced = cs.modified.reduce((a, c) => a + (c.previousSize ?? 0), 0);
    const changes = [...cs.added, ...cs.modified, ...cs.deleted].filter((c) => c.type !== 'dir');
    changes.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      ...f,
      entries: stack.layerEntryCount(i),
      fileBytes: fileBytes[i] ?? 0,
      added: { count: cs.added.length, bytes: cs.addedBytes },
      modified: {
        count: cs.modified.length,
        content,
        metadata: cs.modified.length - content,
        bytes: cs.modifiedBytes,
      },
      deleted: { count: deleted.length, bytes: sum(deleted) },
      hidden: { count: hidden.length, bytes: sum(hidden) },
      hidesBytes: cs.deletedBytes + replaced,
      largest: changes.slice(0, largest).map(toLayerChange),
    };
  });
}

/** buildLayersReport assembles the layers document. */
export function buildLayersReport(
  facts: ImageFacts,
  stack: LayerStack,
  opts: { largest?: number } = {},
): LayersReport {
  const layers = summariseLayers(facts, stack, opts.largest ?? 5);
  return {
    schema: LAYERS_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    layers,
    totals: {
      layers: layers.length,
      compressedSize: layers.reduce((a, l) => a + l.compressedSize, 0),
      fileBytes: layers.reduce((a, l) => a + l.fileBytes, 0),
      entries: layers.reduce((a, l) => a + l.entries, 0),
    },
  };
}
