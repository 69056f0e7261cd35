/**
 * openLayerFile / openImageFile: the bytes of one path as one layer stores it, or as the final
 * image shows it, streamed from the layer's tar — including versions a later layer deleted or
 * overwrote. Hard links are followed to the entry holding the bytes (in the same layer, or the
 * version visible below it). Finding the entry takes one read of the layer's entries; the body
 * is then streamed by a second read that stops once the body has been handed out.
 */
import { Readable } from 'node:stream';
import { StowageError } from '../model/errors.js';
import type { Image, Layer } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';
import { normalizePath } from '../tar/entry-path.js';
import { entryIn, type Located, visibleBelow } from './locate.js';

/** LayerFile is one path's stored version and its bytes. */
export interface LayerFile {
  /** the layer the path was looked up in */
  layer: number;
  /** the entry stored at the path (a hard link stays a hard link) */
  entry: LayerEntry;
  /** where the bytes are: the entry itself, or the file a hard link resolves to */
  content: Located;
  /** the file's content, streamed from the layer's tar; destroy it to stop early */
  body: Readable;
}

/** MAX_LINK_HOPS bounds hard-link chains (tar writers link to the first copy, so one is the norm). */
const MAX_LINK_HOPS = 16;

/**
 * openLayerFile streams the body of `path` as layer `layerIndex` of `image` stores it. Throws a
 * StowageError (code NOT_FOUND, exit 2) naming the layer and path when the layer holds no entry for
 * it, and one with code USAGE when the entry is not a regular file or a hard link to one.
 */
export async function openLayerFile(image: Image, layerIndex: number, path: string): Promise<LayerFile> {
  const p = normalizePath(path);
  const layers = await image.layers();
  const layer = layers[layerIndex];
  if (layer === undefined) {
    throw new StowageError('USAGE', `layer ${layerIndex} does not exist: the image has ${layers.length}`, {
      hint: `give a layer from 0 to ${layers.length - 1}`,
    });
  }
  const entry = await entryIn(layer, p);
  if (entry === undefined) {
    throw new StowageError('NOT_FOUND', `layer ${layerIndex} stores no entry for this path`, {
      where: { layerIndex, layer: layer.digest, path: p },
      hint: 'see which layers do with `stowage trace IMAGE PATH`',
    });
  }
  return open(image, { layer: layerIndex, entry });
}

/**
 * openImageFile streams the body of `path` as the final image shows it (layers read from the top
 * down until one stores or hides the path). Throws NOT_FOUND when the image does not show it.
 */
export async function openImageFile(image: Image, path: string): Promise<LayerFile> {
  const p = normalizePath(path);
  const found = await visibleBelow(image, p, Infinity);
  if (found === undefined) {
    throw new StowageError('NOT_FOUND', 'the final image has no such path', {
      where: { path: p },
      hint: 'a deleted or overwritten version is still in its layer: find it with `stowage trace IMAGE PATH`, then pass --layer N',
    });
  }
  return open(image, found);
}

async function open(image: Image, at: Located): Promise<LayerFile> {
  const content = await resolveLinks(image, at);
  const layer = (await image.layers())[content.layer] as Layer;
  return { layer: at.layer, entry: at.entry, content, body: streamBody(layer, content.entry) };
}

/** resolveLinks follows a hard link to the regular file holding its bytes. */
async function resolveLinks(image: Image, at: Located): Promise<Located> {
  let cur = at;
  for (let hop = 0; cur.entry.type === 'hardlink'; hop++) {
    const target = cur.entry.linkTarget ?? '';
    if (hop === MAX_LINK_HOPS) break;
    const layer = (await image.layers())[cur.layer] as Layer;
    const same = await entryIn(layer, target, cur.entry.offset);
    const next =
      same !== undefined ? { layer: cur.layer, entry: same } : await visibleBelow(image, target, cur.layer);
    if (next === undefined) {
      throw new StowageError('NOT_FOUND', `hard link to ${target}, which no layer at or below it holds`, {
        where: { layerIndex: cur.layer, path: cur.entry.path },
      });
    }
    cur = next;
  }
  if (cur.entry.type !== 'file') {
    const what =
      cur.entry.type === 'symlink' ? `a symlink to ${cur.entry.linkTarget ?? ''}` : `a ${cur.entry.type}`;
    throw new StowageError('USAGE', `not a regular file: ${what}`, {
      where: { layerIndex: cur.layer, path: cur.entry.path },
      hint: cur.entry.type === 'symlink' ? 'give the path the link points to' : 'give the path of a file',
    });
  }
  return cur;
}

/** streamBody reads `layer` up to `entry` (matched by its offset) and yields its body. */
function streamBody(layer: Layer, entry: LayerEntry): Readable {
  async function* body(): AsyncGenerator<Buffer> {
    for await (const item of layer.items()) {
      if (item.entry.offset !== entry.offset) continue;
      yield* item.body();
      return;
    }
    throw new StowageError('INTERNAL', 'the entry found on the first read was missing on the second', {
      where: { layerIndex: layer.index, path: entry.path, offset: entry.offset },
    });
  }
  return Readable.from(body(), { objectMode: false });
}
