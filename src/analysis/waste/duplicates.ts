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
  // Grouped by the raw hash key first; paths and digests are built only for groups that turn out
  // to hold two or more copies (most contents are unique).
  const files: number[] = []; // four numbers per file: path id, layer, contentId, size
  const firstOf = new Map<string, number>();
  const shared = new Map<string, number[]>();
  tree.forEachRegularFile((pathId, layer, size, contentId, key) => {
    if (key === undefined || size < minSize) return;
    const at = files.length;
    files.push(pathId, layer, contentId, size);
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, at);
    else {
      const members = shared.get(key);
      if (members === undefined) shared.set(key, [first, at]);
      else members.push(at);
    }
  });
  const groups: DuplicateGroup[] = [];
  for (const members of shared.values()) {
    const copies = new Set(members.map((at) => files[at + 2] as number)).size;
    if (copies < 2) continue;
    const first = members[0] as number;
    const contentHash = tree.contentHashOf(files[first + 2] as number);
    if (contentHash === undefined) continue;
    const size = files[first + 3] as number;
    const paths = members.map((at) => ({
      path: tree.pathOf(files[at] as number),
      layer: files[at + 1] as number,
    }));
    paths.sort((a, b) => (a.path < b.path ? -1 : 1));
    groups.push({
      contentHash,
      size,
      paths,
      copies,
      layers: [...new Set(paths.map((p) => p.layer))].sort((a, b) => a - b),
      reclaimableBytes: size * (copies - 1),
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
