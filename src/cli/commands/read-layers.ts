/**
 * readLayers: the shared first step of the layer commands (layers, tree, trace, waste, check,
 * analyze) — open the image, read its manifest facts, then read and stack every layer (content hashes
 * included) with a progress line on stderr and the readers' and stacker's warnings after it;
 * readWaste adds the waste accounting (waste, analyze).
 */
import { analyzeWaste, type WasteAnalysis } from '../../analysis/waste/analyze-waste.js';
import { readImageStack } from '../../filetree/read-image.js';
import type { LayerStack } from '../../filetree/layer-stack.js';
import type { Image } from '../../model/image.js';
import { readImageFacts, type ImageFacts } from '../../report/analyze-context.js';
import type { CommandContext } from '../command.js';

/** LoadedImage is an opened image with its facts and stacked layers. */
export interface LoadedImage {
  image: Image;
  facts: ImageFacts;
  stack: LayerStack;
}

/** readLayers opens `reference` and stacks its layers, reporting progress through `ctx.progress`. */
export async function readLayers(ctx: CommandContext, reference: string): Promise<LoadedImage> {
  const image = await ctx.openImage(reference);
  const facts = await readImageFacts(image);
  const done = new Set<number>();
  const stack = await readImageStack(image, {
    onProgress: (p) => {
      if (p.phase === 'done') done.add(p.layer);
      ctx.progress.update(
        `reading layers: ${done.size}/${p.layers} done, layer ${p.layer}: ${p.entries} entries …`,
      );
    },
  });
  printWarnings(ctx, stack.warnings);
  return { image, facts, stack };
}

/** printWarnings writes each warning to stderr as `stowage: warning: …` (after the progress line). */
export function printWarnings(ctx: CommandContext, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  ctx.progress.clear();
  for (const w of warnings) ctx.io.stderr.write(`stowage: warning: ${w}\n`);
}

/** readWaste reads `reference` as readLayers does and accounts its waste, `top` items per list. */
export async function readWaste(
  ctx: CommandContext,
  reference: string,
  top: number,
): Promise<LoadedImage & { waste: WasteAnalysis }> {
  const loaded = await readLayers(ctx, reference);
  const waste = analyzeWaste(loaded.stack, { topPaths: top, topDuplicates: top, topInefficiencies: top });
  return { ...loaded, waste };
}
