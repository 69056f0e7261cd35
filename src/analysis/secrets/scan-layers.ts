/**
 * scanImageLayers: one pass over every layer that both finds secrets in file bodies (including
 * files a later layer deletes or overwrites) and builds the layer tables for the merged tree, so
 * an audit reads each layer once. Layers are read two at a time, like filetree's readImageStack.
 *
 * Adapter note: this drives filetree's `tableFromEntries` / `stackLayers` directly because
 * `readImageStack` offers no hook to see file bodies; if it gains one, this file shrinks to that.
 */
import { withWhere } from '../../model/errors.js';
import type { Image, Layer } from '../../model/image.js';
import type { LayerEntry } from '../../model/layer-entry.js';
import type { LayerStack } from '../../filetree/layer-stack.js';
import { type LayerTable, tableFromEntries } from '../../filetree/layer-table.js';
import { PathTrie } from '../../filetree/path-trie.js';
import { stackLayers } from '../../filetree/stack-layers.js';
import { ContentScanner, type FileMatch, type ScanLimits } from './content-scanner.js';
import { contentRules } from './match-text.js';
import type { SecretRule } from './rule.js';

/** LayerFileMatch is a secret found in one file of one layer (a path rule has no line). */
export interface LayerFileMatch {
  layer: number;
  path: string;
  rule: SecretRule;
  secret: string;
  line: number | null;
}

/** LayerScanStats counts what the scan did. */
export interface LayerScanStats {
  filesScanned: number;
  bytesScanned: number;
  binarySkipped: number;
  truncated: number;
}

/** LayerScanOptions tune scanImageLayers. */
export interface LayerScanOptions extends ScanLimits {
  rules: readonly SecretRule[];
  /** layers read at once (default 2) */
  concurrency?: number;
  onLayerDone?: (layer: number, layers: number) => void;
  onWarning?: (message: string) => void;
  /** stops the scan between entries (it then rejects with the signal's reason) */
  signal?: AbortSignal;
}

/** LayerScanResult is the stacked image plus every secret found in any layer. */
export interface LayerScanResult {
  stack: LayerStack;
  layers: Layer[];
  matches: LayerFileMatch[];
  stats: LayerScanStats;
}

/** scanImageLayers reads every layer once, scanning file bodies and stacking the layers. */
export async function scanImageLayers(image: Image, opts: LayerScanOptions): Promise<LayerScanResult> {
  const layers = await image.layers();
  const trie = new PathTrie();
  const xattrPool = new Map<string, string>();
  const tables = new Array<LayerTable>(layers.length);
  const perLayer: LayerFileMatch[][] = layers.map(() => []);
  const stats: LayerScanStats = { filesScanned: 0, bytesScanned: 0, binarySkipped: 0, truncated: 0 };
  const pathRules = opts.rules.filter((r) => r.pathOnly === true && r.path !== undefined);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < layers.length) {
      const i = next++;
      const layer = layers[i] as Layer;
      try {
        const entries = scanEntries(layer, i, opts, pathRules, perLayer[i] as LayerFileMatch[], stats);
        tables[i] = await tableFromEntries(entries, i, trie, xattrPool);
      } catch (e) {
        next = layers.length;
        throw withWhere(e, { layerIndex: i, layer: layer.digest });
      }
      opts.onLayerDone?.(++done, layers.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, layers.length)) }, worker),
  );
  const stack = stackLayers(trie, tables, { onWarning: opts.onWarning });
  return { stack, layers, matches: perLayer.flat(), stats };
}

async function* scanEntries(
  layer: Layer,
  index: number,
  opts: LayerScanOptions,
  pathRules: readonly SecretRule[],
  out: LayerFileMatch[],
  stats: LayerScanStats,
): AsyncGenerator<LayerEntry> {
  for await (const item of layer.items({
    hashContents: true,
    onWarning: (message) => opts.onWarning?.(`layer ${index}: ${message}`),
  })) {
    opts.signal?.throwIfAborted();
    const e = item.entry;
    if (e.type === 'file' && e.whiteout === undefined) {
      for (const rule of pathRules) {
        if (rule.path?.test(e.path) === true)
          out.push({ layer: index, path: e.path, rule, secret: e.path, line: null });
      }
      const rules = contentRules(opts.rules, e.path);
      if (e.size > 0 && rules.length > 0) {
        for (const m of await scanBody(item.body(), rules, opts, stats)) {
          out.push({ layer: index, path: e.path, rule: m.rule, secret: m.secret, line: m.line });
        }
      }
    }
    yield e;
  }
}

async function scanBody(
  body: AsyncIterable<Buffer>,
  rules: readonly SecretRule[],
  limits: ScanLimits,
  stats: LayerScanStats,
): Promise<FileMatch[]> {
  const scanner = new ContentScanner(rules, limits);
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (!scanner.push(chunk)) break;
  }
  const { matches, outcome } = scanner.finish();
  if (outcome === 'binary') stats.binarySkipped++;
  else {
    stats.filesScanned++;
    stats.bytesScanned += Math.min(bytes, limits.maxBytes ?? Infinity);
    if (outcome === 'truncated') stats.truncated++;
  }
  return matches;
}
