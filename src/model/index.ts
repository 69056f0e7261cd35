/**
 * The model's public surface: digests, media types, documents, platforms, errors, Image and Layer.
 */
export * from './config.js';
export * from './descriptor.js';
export * from './digest.js';
export * from './errors.js';
export * from './image.js';
export * from './layer-entry.js';
export * from './manifest.js';
export * from './media-types.js';
export * from './platform.js';
