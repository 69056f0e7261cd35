/**
 * analyzeWaste: exact waste, duplicates and dive's numbers over one stack of layers, or read from an
 * Image first.
 */
import type { Image } from '../../model/image.js';
import type { LayerStack } from '../../filetree/layer-stack.js';
import { type ReadImageOptions, readImageStack } from '../../filetree/read-image.js';
import { diveScore, type DiveScore } from './dive-score.js';
import { type DuplicatesReport, findDuplicates } from './duplicates.js';
import { computeWaste, type WasteReport } from './exact-waste.js';

/** WasteAnalysis bundles the three waste views. */
export interface WasteAnalysis {
  waste: WasteReport;
  duplicates: DuplicatesReport;
  /** dive's numbers, labelled as dive's */
  dive: DiveScore;
}

/** WasteAnalysisOptions tune how much detail the lists keep. */
export interface WasteAnalysisOptions {
  /** paths kept in waste.topPaths (default 20) */
  topPaths?: number;
  /** duplicate groups kept (default 20) */
  topDuplicates?: number;
  /** dive inefficiencies kept (default 20) */
  topInefficiencies?: number;
}

/** analyzeWaste runs every waste view over a stack. */
export function analyzeWaste(stack: LayerStack, opts: WasteAnalysisOptions = {}): WasteAnalysis {
  return {
    waste: computeWaste(stack, { topPaths: opts.topPaths ?? 20 }),
    duplicates: findDuplicates(stack.tree, { top: opts.topDuplicates ?? 20 }),
    dive: diveScore(stack.trie, stack.tables, { top: opts.topInefficiencies ?? 20 }),
  };
}

/** analyzeImageWaste reads and stacks `image`, then runs analyzeWaste. */
export async function analyzeImageWaste(
  image: Image,
  opts: WasteAnalysisOptions & ReadImageOptions = {},
): Promise<WasteAnalysis & { stack: LayerStack }> {
  const stack = await readImageStack(image, opts);
  return { ...analyzeWaste(stack, opts), stack };
}
