/**
 * Image → Image transforms: squash, drop-waste and strip, lazy and deterministic, with gzip or zstd.
 */
export {
  dropWaste,
  optimizeImage,
  squash,
  strip,
  type OptimizedImage,
  type OptimizeOptions,
} from './optimize-image.js';
export type { KeepOptions } from './keep-rules.js';
export { parseCompression, DEFAULT_COMPRESSION, type LayerCompression } from './layer-compression.js';
export type { OptimizeSummary, OutputLayerSummary, RemovedTally } from './summary.js';
