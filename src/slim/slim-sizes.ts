/**
 * Sizes of a slim decision: files and content bytes of the kept paths against the whole image
 * (hard-linked content counted once), and the directories holding the most dropped bytes.
 */
import type { FileTree } from '../filetree/file-tree.js';
import type { KeptSet } from './kept-set.js';

/** TreeSize counts regular files and their content bytes. */
export interface TreeSize {
  files: number;
  unpackedBytes: number;
}

/** DroppedDir is a directory (up to three levels deep) and what was dropped below it. */
export interface DroppedDir {
  path: string;
  files: number;
  bytes: number;
}

/** keptSize counts the regular files of `tree` that `kept` keeps (all of them without `kept`). */
export function keptSize(tree: FileTree, kept?: KeptSet): TreeSize {
  const seen = new Set<number>();
  const out: TreeSize = { files: 0, unpackedBytes: 0 };
  tree.forEachRegularFile((pathId, _layer, size, contentId) => {
    if (kept !== undefined && kept.get(tree.pathOf(pathId)) === undefined) return;
    out.files++;
    if (contentId >= 0 && seen.has(contentId)) return;
    seen.add(contentId);
    out.unpackedBytes += size;
  });
  return out;
}

/** droppedDirs returns the `limit` directories (at most three levels deep) losing the most bytes. */
export function droppedDirs(tree: FileTree, kept: KeptSet, limit = 10): DroppedDir[] {
  const dirs = new Map<string, DroppedDir>();
  tree.forEachRegularFile((pathId, _layer, size) => {
    const path = tree.pathOf(pathId);
    if (kept.get(path) !== undefined) return;
    const parts = path.split('/').slice(0, -1).slice(0, 3);
    const dir = parts.length === 0 ? '.' : parts.join('/');
    const d = dirs.get(dir) ?? { path: `/${dir === '.' ? '' : dir}`, files: 0, bytes: 0 };
    d.files++;
    d.bytes += size;
    dirs.set(dir, d);
  });
  return [...dirs.values()].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, limit);
}
