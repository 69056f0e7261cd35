/**
 * stowage's library API, the package root: open an image from any supported source, the model
 * (Image, Layer, manifests, config, digests, platforms, errors), and the report builders with
 * their renderers. The CLI is built on exactly this surface.
 */
export * from './model/index.js';
export { listPlatforms, openImage, type OpenOptions, type PlatformEntry } from './source/index.js';
export { buildInspectReport, type InspectOptions, type LayerProgress } from './report/inspect-report.js';
export * from './report/inspect-types.js';
export { renderInspectText, type InspectTextOptions } from './report/render/inspect-text.js';
export { measureLayer, type LayerMeasure } from './report/layer-measure.js';
export { createStyle, plainStyle, type Style } from './report/format/style.js';
