/** Image comparison: layers, files, config and history. */
export * from './config-diff.js';
export * from './diff-images.js';
export * from './file-diff.js';
export * from './layer-diff.js';
