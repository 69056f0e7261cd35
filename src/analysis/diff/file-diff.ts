/**
 * File-level comparison of two final filesystems: paths added, removed, and changed — in content
 * (type, size or sha256 differ) or in metadata only (mode, owner, link target, xattrs) — with size
 * deltas. Modification times are not compared: rebuilding the same files changes them.
 */
import type { FileNode } from '../../filetree/file-node.js';
import type { FileTree } from '../../filetree/file-tree.js';
import type { Digest } from '../../model/digest.js';

/** FileSide is one side of a compared path. */
export interface FileSide {
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget?: string;
  contentHash?: Digest;
  layer: number;
}

/** FileChange is one path that differs. */
export interface FileChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** for `changed`: content differs, or only metadata */
  change?: 'content' | 'metadata';
  /** the fields that differ, for `changed` */
  fields?: string[];
  /** B's size minus A's (added: B's size; removed: minus A's) */
  sizeDelta: number;
  a?: FileSide;
  b?: FileSide;
}

/** FileDiff lists every differing path, sorted by path, with totals. */
export interface FileDiff {
  changes: FileChange[];
  added: number;
  removed: number;
  changedContent: number;
  changedMetadata: number;
  /** Σ sizeDelta over regular-file content */
  sizeDelta: number;
}

function side(n: FileNode): FileSide {
  const type = n.type === 'hardlink' ? 'file' : n.type;
  const s: FileSide = { type, size: n.size, mode: n.mode, uid: n.uid, gid: n.gid, layer: n.layer };
  if (n.type === 'symlink' && n.linkTarget !== undefined) s.linkTarget = n.linkTarget;
  if (n.contentHash !== undefined) s.contentHash = n.contentHash;
  return s;
}

function xattrKey(n: FileNode): string {
  return JSON.stringify(Object.entries(n.xattrs ?? {}).sort());
}

/** compareNodes returns the differing fields of two versions of a path, split by kind. */
function compareNodes(a: FileNode, b: FileNode): { content: string[]; metadata: string[] } {
  const sa = side(a);
  const sb = side(b);
  const content: string[] = [];
  const metadata: string[] = [];
  if (sa.type !== sb.type) content.push('type');
  else if (sa.type === 'file') {
    if (sa.size !== sb.size) content.push('size');
    if (sa.contentHash !== sb.contentHash) content.push('content');
  }
  if (sa.mode !== sb.mode) metadata.push('mode');
  if (sa.uid !== sb.uid) metadata.push('uid');
  if (sa.gid !== sb.gid) metadata.push('gid');
  if (sa.linkTarget !== sb.linkTarget) metadata.push('linkTarget');
  if (xattrKey(a) !== xattrKey(b)) metadata.push('xattrs');
  return { content, metadata };
}

/** diffTrees compares the final filesystems of A and B. */
export function diffTrees(a: FileTree, b: FileTree): FileDiff {
  const aNodes = new Map<string, FileNode>();
  for (const n of a.walk()) aNodes.set(n.path, n);
  const changes: FileChange[] = [];
  const fileSize = (s: FileSide) => (s.type === 'file' ? s.size : 0);
  for (const nb of b.walk()) {
    const na = aNodes.get(nb.path);
    aNodes.delete(nb.path);
    if (na === undefined) {
      const sb = side(nb);
      changes.push({ path: nb.path, kind: 'added', sizeDelta: fileSize(sb), b: sb });
      continue;
    }
    const { content, metadata } = compareNodes(na, nb);
    if (content.length === 0 && metadata.length === 0) continue;
    const sa = side(na);
    const sb = side(nb);
    changes.push({
      path: nb.path,
      kind: 'changed',
      change: content.length > 0 ? 'content' : 'metadata',
      fields: [...content, ...metadata],
      sizeDelta: fileSize(sb) - fileSize(sa),
      a: sa,
      b: sb,
    });
  }
  for (const na of aNodes.values()) {
    const sa = side(na);
    changes.push({ path: na.path, kind: 'removed', sizeDelta: -fileSize(sa), a: sa });
  }
  changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return {
    changes,
    added: changes.filter((c) => c.kind === 'added').length,
    removed: changes.filter((c) => c.kind === 'removed').length,
    changedContent: changes.filter((c) => c.change === 'content').length,
    changedMetadata: changes.filter((c) => c.change === 'metadata').length,
    sizeDelta: changes.reduce((n, c) => n + c.sizeDelta, 0),
  };
}
