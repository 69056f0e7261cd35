/**
 * Database snapshots: reads every layer once and keeps only the small files the catalogers asked
 * for (package databases, file lists, os-release), applying each layer's whiteouts and opaque
 * directories to them, so the databases can be parsed as of every layer that changed them.
 */
import { StowageError, withWhere } from '../model/errors.js';
import type { Image } from '../model/image.js';
import { isUnder } from '../extract/locate.js';

/** MAX_DB_FILE bounds one database file held in memory (a 2,000-package dpkg status is ~3 MB). */
const MAX_DB_FILE = 256 << 20;

/** Snapshot is the wanted files as they stand after one layer, and whether that layer changed them. */
export interface Snapshot {
  layer: number;
  changed: boolean;
  files: ReadonlyMap<string, Buffer>;
}

/** readSnapshots yields the wanted files after each layer, base first. */
export async function* readSnapshots(
  image: Image,
  wants: (path: string) => boolean,
  onLayer?: (layer: number, layers: number) => void,
): AsyncGenerator<Snapshot> {
  const layers = await image.layers();
  let view = new Map<string, Buffer>();
  for (const layer of layers) {
    onLayer?.(layer.index, layers.length);
    const stored = new Map<string, Buffer>();
    const removed: { path: string; opaque: boolean }[] = [];
    try {
      for await (const item of layer.items()) {
        const e = item.entry;
        if (e.whiteout !== undefined) removed.push({ path: e.path, opaque: e.whiteout === 'opaque' });
        else if (e.type === 'file' && wants(e.path)) {
          if (e.size > MAX_DB_FILE) {
            throw new StowageError('UNSUPPORTED_MEDIA_TYPE', 'package database file too large to read', {
              where: { path: e.path },
            });
          }
          const chunks: Buffer[] = [];
          for await (const c of item.body()) chunks.push(c);
          stored.set(e.path, Buffer.concat(chunks));
        }
      }
    } catch (e) {
      throw withWhere(e, { layerIndex: layer.index, layer: layer.digest });
    }
    const next = new Map<string, Buffer>();
    for (const [p, body] of view) {
      if (!removed.some((r) => (r.opaque ? p !== r.path && isUnder(p, r.path) : isUnder(p, r.path)))) {
        next.set(p, body);
      }
    }
    const changed = stored.size > 0 || next.size !== view.size;
    for (const [p, body] of stored) next.set(p, body);
    view = next;
    yield { layer: layer.index, changed, files: view };
  }
}
