/**
 * nodeJson: the JSON view of a visible path of the merged tree that the tree and trace documents
 * share — its type, size, owner, mode, provenance layer, link target and content hash.
 */
import type { FileNode } from '../filetree/file-node.js';

/** NodeJson is what a document shows of a FileNode; absent link targets and hashes are null. */
export interface NodeJson {
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  layer: number;
  linkTarget: string | null;
  contentHash: string | null;
}

/** nodeJson projects `n` to its JSON view. */
export function nodeJson(n: FileNode): NodeJson {
  return {
    type: n.type,
    size: n.size,
    mode: n.mode,
    uid: n.uid,
    gid: n.gid,
    layer: n.layer,
    linkTarget: n.linkTarget ?? null,
    contentHash: n.contentHash ?? null,
  };
}
