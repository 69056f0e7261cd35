/**
 * Waste analyses: exact reclaimable bytes, duplicate content, and dive's score for comparison.
 */
export * from './analyze-waste.js';
export * from './dive-score.js';
export * from './duplicates.js';
export * from './exact-waste.js';
