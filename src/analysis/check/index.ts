/**
 * The CI gate: configuration (stowage.yaml `check:`, dive's `.dive-ci`), base-image exclusion and
 * threshold evaluation.
 */
export * from './base-layers.js';
export * from './byte-size.js';
export * from './check-config.js';
export * from './dive-ci.js';
export * from './evaluate-check.js';
export * from './load-check-config.js';
