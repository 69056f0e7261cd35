/**
 * Duplicates: the same content (sha256) stored more than once among the visible files — at
 * different paths, in the same or different layers. Hard links to one stored copy are one copy.
 */
import type { Digest } from '../../model/digest.js';
import type { FileTree } from '../../filetree/file-tree.js';

/** DuplicateGroup is one content stored as several copies. */
export interface DuplicateGroup {
  contentHash: Digest;
  size: number;
  /** every visible path showing the content, with the layer it comes from, sorted by path */
  paths: { path: string; layer: number }[];
  /** distinct stored copies (hard links share one) */
  copies: number;
  /** layers holding the copies, ascending */
  layers: number[];
  /** bytes saved by keeping one copy: size × (copies − 1) */
  reclaimableBytes: number;
}

/** DuplicatesReport lists duplicate groups, the most reclaimable first. */
export interface DuplicatesReport {
  groups: DuplicateGroup[];
  groupCount: number;
  reclaimableBytes: number;
  /** groups whose copies live in more than one layer */
  crossLayerGroups: number;
}

/** DuplicateOptions tune the search. */
export interface DuplicateOptions {
  /** ignore files smaller than this (default 1: empty files are not duplicates) */
  minSize?: number;
  /** how many groups to list (default all) */
  top?: number;
}

/** findDuplicates groups the visible files of `tree` by content hash. */
export function findDuplicates(tree: FileTree, opts: DuplicateOptions = {}): DuplicatesReport {
  const minSize = opts.minSize ?? 1;
  const byHash = new Map<
    Digest,
    { size: number; paths: { path: string; layer: number }[]; ids: Set<number> }
  >();
  for (const f of tree.regularFiles()) {
    if (f.contentHash === undefined || f.size < minSize) continue;
    let g = byHash.get(f.contentHash);
    if (g === undefined) {
      g = { size: f.size, paths: [], ids: new Set() };
      byHash.set(f.contentHash, g);
    }
    g.paths.push({ path: f.path, layer: f.layer });
    g.ids.add(f.contentId);
  }
  const groups: DuplicateGroup[] = [];
  for (const [contentHash, g] of byHash) {
    if (g.ids.size < 2) continue;
    const layers = [...new Set(g.paths.map((p) => p.layer))].sort((a, b) => a - b);
    g.paths.sort((a, b) => (a.path < b.path ? -1 : 1));
    groups.push({
      contentHash,
      size: g.size,
      paths: g.paths,
      copies: g.ids.size,
      layers,
      reclaimableBytes: g.size * (g.ids.size - 1),
    });
  }
  groups.sort((a, b) => b.reclaimableBytes - a.reclaimableBytes || (a.contentHash < b.contentHash ? -1 : 1));
  return {
    groups: opts.top === undefined ? groups : groups.slice(0, opts.top),
    groupCount: groups.length,
    reclaimableBytes: groups.reduce((sum, g) => sum + g.reclaimableBytes, 0),
    crossLayerGroups: groups.filter((g) => g.layers.length > 1).length,
  };
}
