/**
 * Extraction: any path as any layer stores it, or as the final image shows it — one file's bytes
 * streamed (openLayerFile, openImageFile) or whole trees written under a directory, contained.
 */
export { openImageFile, openLayerFile, type LayerFile } from './layer-file.js';
export { extractImage, type ExtractOptions } from './extract-image.js';
export type { ExtractSummary } from './tree-writer.js';
