/**
 * Helpers for comparing a merged tree with a real rootfs: walk a directory with lstat + sha256 into
 * the same flat shape as a FileTree, counting regular-file bytes once per inode.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileTree } from '../../src/filetree/file-tree.js';

/** FlatNode is what both sides are compared on. */
export interface FlatNode {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  linkTarget?: string;
  contentHash?: string;
}

/** walkRootfs lists every path below `root` (relative, sorted) and the bytes of its distinct inodes. */
export async function walkRootfs(root: string): Promise<{ nodes: Map<string, FlatNode>; fileBytes: number }> {
  const nodes = new Map<string, FlatNode>();
  const inodes = new Set<number>();
  let fileBytes = 0;
  const visit = async (rel: string) => {
    const names = (await readdir(join(root, rel))).sort();
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const full = join(root, path);
      const st = await lstat(full);
      const node: FlatNode = { type: 'other', mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (st.isFile()) {
        node.type = 'file';
        node.size = st.size;
        node.contentHash = `sha256:${createHash('sha256')
          .update(await readFile(full))
          .digest('hex')}`;
        if (!inodes.has(st.ino)) fileBytes += st.size;
        inodes.add(st.ino);
      } else if (st.isDirectory()) node.type = 'dir';
      else if (st.isSymbolicLink()) {
        node.type = 'symlink';
        node.linkTarget = await readlink(full);
      } else if (st.isFIFO()) node.type = 'fifo';
      else if (st.isCharacterDevice()) node.type = 'char';
      else if (st.isBlockDevice()) node.type = 'block';
      nodes.set(path, node);
      if (st.isDirectory()) await visit(path);
    }
  };
  await visit('');
  return { nodes, fileBytes };
}

/** NodeLike is what flattenNodes reads of a node: a FileNode or a stowage.tree/v1 JSON node. */
export interface NodeLike {
  path: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  linkTarget?: string;
  contentHash?: string;
}

/** flattenTree puts a merged tree in the same shape; hard links read as regular files. */
export function flattenTree(tree: FileTree): Map<string, FlatNode> {
  return flattenNodes(tree.walk());
}

/** flattenNodes puts nodes in walkRootfs's shape; hard links read as regular files. */
export function flattenNodes(nodes: Iterable<NodeLike>): Map<string, FlatNode> {
  const flat = new Map<string, FlatNode>();
  for (const n of nodes) {
    const type = n.type === 'hardlink' ? 'file' : n.type;
    const node: FlatNode = { type, mode: n.mode, uid: n.uid, gid: n.gid };
    if (type === 'file') {
      node.size = n.size;
      if (n.contentHash !== undefined) node.contentHash = n.contentHash;
    }
    if (type === 'symlink' && n.linkTarget !== undefined) node.linkTarget = n.linkTarget;
    flat.set(n.path, node);
  }
  return flat;
}
