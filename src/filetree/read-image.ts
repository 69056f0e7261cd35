/**
 * readImageStack: reads an image's layers into compact tables, a bounded number at a time (two by
 * default: gzip inflates on libuv's pool, so two layers keep two cores busy), then stacks them in
 * order. Only the tables are kept — never LayerEntry objects or their xattr buffers.
 */
import { withWhere } from '../model/errors.js';
import type { Image, Layer } from '../model/image.js';
import type { LayerStack } from './layer-stack.js';
import { LayerTable } from './layer-table.js';
import { PathTrie } from './path-trie.js';
import { stackLayers } from './stack-layers.js';

/** ReadProgress reports one layer's progress. */
export interface ReadProgress {
  layer: number;
  layers: number;
  phase: 'start' | 'entries' | 'done';
  /** entries read so far in this layer */
  entries: number;
  /** Σ entry sizes read so far in this layer */
  bytes: number;
}

/** ReadImageOptions tune readImageStack. */
export interface ReadImageOptions {
  /** layers read at once (default 2) */
  concurrency?: number;
  /** called at a layer's start, every `progressEvery` entries, and at its end */
  onProgress?: (p: ReadProgress) => void;
  /** entries between 'entries' progress calls (default 1000) */
  progressEvery?: number;
  /** receives recoverable problems from the readers and the stacker, each naming its layer */
  onWarning?: (message: string) => void;
}

/**
 * readLayerTables reads every layer of `image` into tables sharing one PathTrie; `warnings` lists
 * what the tar readers warned about, each naming its layer.
 */
export async function readLayerTables(
  image: Image,
  opts: ReadImageOptions = {},
): Promise<{ trie: PathTrie; tables: LayerTable[]; warnings: string[] }> {
  const layers = await image.layers();
  const trie = new PathTrie();
  const xattrPool = new Map<string, string>();
  const tables: LayerTable[] = new Array<LayerTable>(layers.length);
  const warnings: string[] = [];
  const warn = (index: number) => (message: string) => {
    const named = `layer ${index}: ${message}`;
    warnings.push(named);
    opts.onWarning?.(named);
  };
  let next = 0;
  const worker = async () => {
    while (next < layers.length) {
      const i = next++;
      try {
        tables[i] = await readLayer(layers[i] as Layer, i, layers.length, trie, xattrPool, opts, warn(i));
      } catch (e) {
        next = layers.length; // start no further layer once one has failed
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, layers.length)) }, worker);
  await Promise.all(workers);
  return { trie, tables, warnings };
}

/** readImageStack reads and stacks every layer of `image`. */
export async function readImageStack(image: Image, opts: ReadImageOptions = {}): Promise<LayerStack> {
  const { trie, tables, warnings } = await readLayerTables(image, opts);
  return stackLayers(trie, tables, { onWarning: opts.onWarning, readWarnings: warnings });
}

async function readLayer(
  layer: Layer,
  index: number,
  layers: number,
  trie: PathTrie,
  xattrPool: Map<string, string>,
  opts: ReadImageOptions,
  onWarning: (message: string) => void,
): Promise<LayerTable> {
  const every = opts.progressEvery ?? 1000;
  let entries = 0;
  let bytes = 0;
  const report = (phase: ReadProgress['phase']) =>
    opts.onProgress?.({ layer: index, layers, phase, entries, bytes });
  report('start');
  const table = new LayerTable(index, trie, xattrPool);
  try {
    // entries() with hashContents hands out each file entry with its contentHash already set
    for await (const e of layer.entries({ hashContents: true, onWarning })) {
      table.add(e);
      entries++;
      bytes += e.size;
      if (entries % every === 0) report('entries');
    }
    report('done');
    return table;
  } catch (e) {
    throw withWhere(e, { layerIndex: index, layer: layer.digest });
  }
}
