/**
 * subtrees: finds the top-most visible paths a predicate selects and sums the regular-file bytes
 * below each (the walk is depth-first, so a subtree is one contiguous run).
 */
import type { FileNode } from '../../filetree/file-node.js';
import type { FileTree } from '../../filetree/file-tree.js';

/** Subtree is a selected path with the bytes of the files at or below it. */
export interface Subtree {
  node: FileNode;
  bytes: number;
  files: number;
}

/** findSubtrees returns the top-most nodes matching `select`, each with its content size. */
export function findSubtrees(tree: FileTree, select: (n: FileNode) => boolean): Subtree[] {
  const out: Subtree[] = [];
  let open: (Subtree & { prefix: string }) | undefined;
  for (const n of tree.walk()) {
    const isFile = n.type === 'file' || n.type === 'hardlink';
    if (open !== undefined && n.path.startsWith(open.prefix)) {
      if (isFile) {
        open.bytes += n.size;
        open.files++;
      }
      continue;
    }
    open = undefined;
    if (!select(n)) continue;
    open = { node: n, bytes: isFile ? n.size : 0, files: isFile ? 1 : 0, prefix: `${n.path}/` };
    out.push(open);
  }
  return out.map(({ node, bytes, files }) => ({ node, bytes, files }));
}
