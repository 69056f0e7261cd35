/** Layer sharing across a set of images: registry (by digest) and host (by ChainID) storage. */
export * from './chain-id.js';
export * from './share-images.js';
