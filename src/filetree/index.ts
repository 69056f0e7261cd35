/**
 * File trees: compact layer tables, stacking with whiteouts and opaque directories, change sets,
 * the merged tree with provenance, path histories, and the image reader that feeds them.
 */
export * from './change-set.js';
export * from './file-node.js';
export * from './file-tree.js';
export type { KillReason } from './kill-log.js';
export * from './layer-stack.js';
export { LayerTable, tableFromEntries } from './layer-table.js';
export { PathTrie } from './path-trie.js';
export * from './read-image.js';
export * from './stack-layers.js';
