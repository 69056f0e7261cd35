/**
 * LayerEntry: one entry of a layer's tar stream, normalised, as every consumer (file trees, waste,
 * secrets, diff) sees it.
 */
import type { Digest } from './digest.js';

/** EntryType is the kind of filesystem object an entry describes. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/**
 * LayerEntry describes one tar entry.
 *
 * `path` is normalised: relative, no leading `./` or `/`, no trailing `/`, `.` for the root.
 * For whiteouts (`dir/.wh.NAME`, `dir/.wh..wh..opq`) `whiteout` is set and `path` is the target
 * (`dir/NAME`, or `dir` for an opaque marker); `rawPath` keeps the name as stored.
 */
export interface LayerEntry {
  path: string;
  rawPath: string;
  type: EntryType;
  /** logical size of a file's content (a sparse file's full size); 0 for everything else */
  size: number;
  /** for sparse files only: bytes of content the layer stores (its data regions, holes excluded) */
  storedSize?: number;
  /** permission bits with setuid/setgid/sticky: mode & 0o7777 */
  mode: number;
  uid: number;
  gid: number;
  uname?: string;
  gname?: string;
  /** seconds since the epoch; PAX may give fractions */
  mtime: number;
  /** symlink target as stored; hard link target as a normalised path */
  linkTarget?: string;
  devMajor?: number;
  devMinor?: number;
  /** extended attributes from PAX `SCHILY.xattr.*`, values as raw bytes */
  xattrs?: Record<string, Buffer>;
  whiteout?: 'file' | 'opaque';
  /** sha256 of the content, when the reader was asked to hash contents */
  contentHash?: Digest;
  /** byte offset of the entry's first header in the uncompressed stream */
  offset: number;
}
