/**
 * diffImages: everything `stowage diff A B` reports — layers, files, config and history — from two
 * images (and their stacked layers, read here unless given).
 */
import { readImageStack } from '../../filetree/read-image.js';
import type { LayerStack } from '../../filetree/layer-stack.js';
import type { Digest } from '../../model/digest.js';
import type { Image } from '../../model/image.js';
import { diffConfigs, type ConfigDiff } from './config-diff.js';
import { diffTrees, type FileDiff } from './file-diff.js';
import { diffLayers, layerFacts, type LayerDiff } from './layer-diff.js';

/** ImageDiff is the full comparison of A and B. */
export interface ImageDiff {
  a: { manifestDigest: Digest; layers: number; bytes: number };
  b: { manifestDigest: Digest; layers: number; bytes: number };
  identical: boolean;
  layers: LayerDiff;
  files: FileDiff;
  config: ConfigDiff;
}

/** DiffOptions pass stacks already read. */
export interface DiffOptions {
  stackA?: LayerStack;
  stackB?: LayerStack;
}

/** diffImages compares A and B. */
export async function diffImages(a: Image, b: Image, opts: DiffOptions = {}): Promise<ImageDiff> {
  const [la, lb] = [await layerFacts(a), await layerFacts(b)];
  const stackA = opts.stackA ?? (await readImageStack(a));
  const stackB = opts.stackB ?? (await readImageStack(b));
  const files = diffTrees(stackA.tree, stackB.tree);
  const config = diffConfigs(await a.config(), await b.config());
  const layers = diffLayers(la, lb);
  const summary = async (img: Image, ls: typeof la) => ({
    manifestDigest: await img.manifestDigest(),
    layers: ls.length,
    bytes: ls.reduce((n, l) => n + l.size, 0),
  });
  return {
    a: await summary(a, la),
    b: await summary(b, lb),
    identical:
      files.changes.length === 0 &&
      config.changes.length === 0 &&
      config.history.onlyA.length === 0 &&
      config.history.onlyB.length === 0 &&
      layers.layersToPull === 0 &&
      la.length === lb.length,
    layers,
    files,
    config,
  };
}
