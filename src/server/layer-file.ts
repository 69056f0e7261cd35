/**
 * openLayerFile: the bytes of one path exactly as one layer's tar stores them — the version a later
 * layer may have overwritten or deleted. A hard link is followed to its target in the same layer or
 * below. Two passes over the layer: the first finds the last entry for the path (a later entry
 * replaces an earlier one), the second streams that entry's body.
 */
import { StowageError } from '../model/errors.js';
import type { Image, Layer } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';

/** LayerFile is a found entry and a way to stream its body once. */
export interface LayerFile {
  entry: LayerEntry;
  /** the layer whose tar holds the body (lower than asked for when a hard link points down) */
  layer: number;
  body(): AsyncIterable<Buffer>;
}

const MAX_LINK_HOPS = 16;

async function lastEntry(layer: Layer, path: string): Promise<LayerEntry | undefined> {
  let found: LayerEntry | undefined;
  for await (const e of layer.entries()) if (e.path === path && e.whiteout === undefined) found = e;
  return found;
}

async function* bodyAt(layer: Layer, offset: number): AsyncIterable<Buffer> {
  for await (const item of layer.items()) {
    if (item.entry.offset !== offset) continue;
    yield* item.body();
    return;
  }
}

/** openLayerFile finds `path` as stored in layer `index` of `image`; a StowageError when absent. */
export async function openLayerFile(image: Image, index: number, path: string): Promise<LayerFile> {
  const layers = await image.layers();
  let want = path;
  for (let hop = 0, at = index; hop <= MAX_LINK_HOPS && at >= 0;) {
    const layer = layers[at];
    if (layer === undefined) break;
    const entry = await lastEntry(layer, want);
    if (entry === undefined) {
      if (want === path) break; // the path itself must be in the layer asked for
      at--; // a hard link's target may be stored below
      continue;
    }
    if (entry.type === 'hardlink' && entry.linkTarget !== undefined) {
      want = entry.linkTarget;
      hop++;
      continue;
    }
    if (entry.type !== 'file') {
      throw new StowageError('USAGE', `${path} is a ${entry.type}, not a regular file`, {
        where: { layerIndex: index, path },
        hint: 'only regular files have content to show',
      });
    }
    return { entry, layer: at, body: () => bodyAt(layer, entry.offset) };
  }
  throw new StowageError('NOT_FOUND', `layer ${index} stores no file ${path}`, {
    where: { layerIndex: index, path },
    hint: 'pick a path from that layer’s changes',
  });
}
