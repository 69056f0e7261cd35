/**
 * slimImage: the slim image of a plan — the original config and one layer holding exactly the
 * kept paths with their original entries (modes, owners, links, xattrs), written by optimize's
 * squash with a keep-only rule, so it is lazy and deterministic like every transform.
 */
import type { LayerCompression } from '../optimize/layer-compression.js';
import { optimizeImage, type OptimizedImage } from '../optimize/optimize-image.js';
import type { Image } from '../model/image.js';
import type { SlimPlan } from './slim-plan.js';

/** slimImage returns the slim image of `source` under `plan`; close() frees its spool. */
export function slimImage(
  source: Image,
  plan: SlimPlan,
  opts: { compression?: LayerCompression; onProgress?: (message: string) => void } = {},
): OptimizedImage {
  return optimizeImage(source, {
    squashFrom: 0,
    keepOnly: plan.kept.pathSet(),
    stack: plan.stack,
    ...opts,
  });
}
