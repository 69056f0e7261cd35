/**
 * buildTraceReport: the `stowage.trace/v1` document — every layer that added, modified, deleted or
 * hid one path (with the instruction and size), what the final filesystem shows there, and, for a
 * directory, what each layer changed below it.
 */
import type { LayerStack } from '../filetree/layer-stack.js';
import type { ImageFacts } from './analyze-context.js';
import { nodeJson, type NodeJson } from './node-json.js';

/** TRACE_SCHEMA is the `schema` value of every trace report. */
export const TRACE_SCHEMA = 'stowage.trace/v1';

/** TraceDocument is the whole `stowage.trace/v1` document. */
export interface TraceDocument {
  schema: typeof TRACE_SCHEMA;
  reference: string;
  manifestDigest: string;
  /** the path, normalised (no leading slash) */
  path: string;
  events: {
    layer: number;
    createdBy: string | null;
    kind: 'added' | 'modified' | 'deleted' | 'hidden';
    type: string;
    size: number;
    modification: 'content' | 'metadata' | null;
    /** for metadata-only modifications: the fields that changed */
    fields: string[];
  }[];
  /** the path in the final filesystem, or null when it is not there */
  final: NodeJson | null;
  /** per layer that changed anything below the path: counts and bytes of those changes */
  below: {
    layer: number;
    createdBy: string | null;
    added: number;
    modified: number;
    deleted: number;
    bytes: number;
  }[];
}

/** normaliseTracePath strips leading `/` and `./` and trailing `/`. */
export function normaliseTracePath(p: string): string {
  const n = p.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
  return n === '' ? '.' : n;
}

/** buildTraceReport traces `path` through the layers of `stack`. */
export function buildTraceReport(facts: ImageFacts, stack: LayerStack, path: string): TraceDocument {
  const p = normaliseTracePath(path);
  const createdBy = (i: number) => facts.layers[i]?.createdBy ?? null;
  const node = p === '.' ? undefined : stack.tree.get(p);
  const prefix = p === '.' ? '' : `${p}/`;
  const below: TraceDocument['below'] = [];
  for (let i = 0; i < stack.layerCount; i++) {
    const cs = stack.changeSet(i);
    const under = (list: { path: string; size: number }[]) => list.filter((c) => c.path.startsWith(prefix));
    const [a, m, d] = [under(cs.added), under(cs.modified), under(cs.deleted)];
    if (a.length + m.length + d.length === 0) continue;
    const bytes = [...a, ...m, ...d].reduce((s, c) => s + c.size, 0);
    below.push({
      layer: i,
      createdBy: createdBy(i),
      added: a.length,
      modified: m.length,
      deleted: d.length,
      bytes,
    });
  }
  return {
    schema: TRACE_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    path: p,
    events: stack.pathHistory(p).map((e) => ({
      layer: e.layer,
      createdBy: createdBy(e.layer),
      kind: e.kind,
      type: e.type,
      size: e.size,
      modification: e.modification ?? null,
      fields: e.fields ?? [],
    })),
    final: node === undefined ? null : nodeJson(node),
    below,
  };
}
