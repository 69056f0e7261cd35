/**
 * Locating one path's stored version in an image's layers without stacking them: the last entry
 * for the path in one layer (a later entry for the same path replaces an earlier one), whether a
 * layer hides lower versions of it (whiteouts, opaque directories, a non-directory at an ancestor),
 * and the version visible below a given layer.
 */
import type { Image, Layer } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';

/** Located is one stored version of a path: the layer holding it and its entry. */
export interface Located {
  layer: number;
  entry: LayerEntry;
}

/** isUnder reports whether `path` is `ancestor` itself or below it (`.` is above everything). */
export function isUnder(path: string, ancestor: string): boolean {
  return ancestor === '.' || path === ancestor || path.startsWith(`${ancestor}/`);
}

/** hides reports whether entry `e` of a layer hides lower versions of `path`. */
function hides(e: LayerEntry, path: string): boolean {
  if (e.whiteout === 'file') return isUnder(path, e.path);
  if (e.whiteout === 'opaque') return path !== e.path && isUnder(path, e.path);
  return e.type !== 'dir' && e.path !== path && isUnder(path, e.path);
}

/** LayerScan is what one layer says about a path: its last entry there, and whether it hides lower ones. */
interface LayerScan {
  entry: LayerEntry | undefined;
  hidden: boolean;
}

/** scanLayer reads `layer`'s entries (those stored before byte `before`) for `path`. */
async function scanLayer(layer: Layer, path: string, before = Infinity): Promise<LayerScan> {
  const scan: LayerScan = { entry: undefined, hidden: false };
  for await (const e of layer.entries()) {
    if (e.offset >= before) break;
    if (e.whiteout === undefined && e.path === path) scan.entry = e;
    else if (hides(e, path)) scan.hidden = true;
  }
  return scan;
}

/** entryIn returns the last entry for `path` stored in `layer` before byte `before`, if any. */
export async function entryIn(
  layer: Layer,
  path: string,
  before = Infinity,
): Promise<LayerEntry | undefined> {
  return (await scanLayer(layer, path, before)).entry;
}

/**
 * visibleBelow returns the version of `path` a filesystem made of layers `0 … below-1` shows,
 * reading layers from the top down and stopping at the first that stores or hides the path.
 */
export async function visibleBelow(image: Image, path: string, below: number): Promise<Located | undefined> {
  const layers = await image.layers();
  for (let i = Math.min(below, layers.length) - 1; i >= 0; i--) {
    const scan = await scanLayer(layers[i] as Layer, path);
    if (scan.entry !== undefined) return { layer: i, entry: scan.entry };
    if (scan.hidden) return undefined;
  }
  return undefined;
}
