/**
 * FileNode: one visible path of a merged tree, materialised on request from the compact tables.
 */
import type { Digest } from '../model/digest.js';
import type { EntryType } from '../model/layer-entry.js';
import { refLayer, refRow } from './version-ref.js';
import type { Versions } from './versions.js';

/**
 * FileNode describes a visible path. `type` is the entry's own type ('hardlink' stays 'hardlink',
 * with `linkTarget` the path it links to); `size` and `contentHash` are the content it shows, so a
 * hard link carries its target's. `layer` is the provenance: the layer whose entry is visible.
 */
export interface FileNode {
  path: string;
  name: string;
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkTarget?: string;
  contentHash?: Digest;
  /** extended attributes, values base64 */
  xattrs?: Record<string, string>;
  layer: number;
  /** true for a directory no entry named (a parent the layer implied) */
  implicit: boolean;
}

/** materialiseNode builds the FileNode of version `ref` at `path`. */
export function materialiseNode(versions: Versions, ref: number, path: string, name: string): FileNode {
  const t = versions.table(ref);
  const row = refRow(ref);
  const node: FileNode = {
    path,
    name,
    type: t.type(row),
    size: versions.size(ref),
    mode: t.mode(row),
    uid: t.uid(row),
    gid: t.gid(row),
    mtime: t.mtime(row),
    layer: refLayer(ref),
    implicit: t.isImplicit(row),
  };
  const link = t.linkTarget(row);
  if (link !== undefined) node.linkTarget = link;
  const inode = versions.inode(ref);
  const hash = inode < 0 ? undefined : versions.table(inode).contentHash(refRow(inode));
  if (hash !== undefined) node.contentHash = hash;
  const xattrs = t.xattrs(row);
  if (xattrs !== undefined) node.xattrs = xattrs;
  return node;
}
