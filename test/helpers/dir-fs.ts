/**
 * dirFs: an ImageFs over a host directory (for tests): nodes from lstat, listings from readdir,
 * bodies from readFile — so the executable readers can be checked against the host's own tools
 * (readelf, ldd, ldconfig) on the host's own files.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { ImageFs } from '../../src/executable/image-fs.js';
import type { FileNode } from '../../src/filetree/file-node.js';

function typeOf(st: Stats): FileNode['type'] {
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return 'fifo';
}

function nodeAt(root: string, path: string): FileNode | undefined {
  const full = join(root, path);
  let st: Stats;
  try {
    st = lstatSync(full);
  } catch {
    return undefined;
  }
  const type = typeOf(st);
  const node: FileNode = {
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    type,
    size: type === 'file' ? st.size : 0,
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    mtime: Math.floor(st.mtimeMs / 1000),
    layer: 0,
    implicit: false,
  };
  if (type === 'symlink') node.linkTarget = readlinkSync(full);
  return node;
}

/** dirFs returns an ImageFs whose root is host directory `root`. */
export function dirFs(root: string): ImageFs {
  return {
    node: (path) => (path === '.' ? undefined : nodeAt(root, path)),
    children: (path) =>
      readdirSync(join(root, path))
        .sort()
        .map((n) => nodeAt(root, path === '.' ? n : `${path}/${n}`))
        .filter((n): n is FileNode => n !== undefined),
    readFiles: (paths) =>
      Promise.resolve(
        new Map(
          paths
            .filter((p) => nodeAt(root, p)?.type === 'file')
            .map((p): [string, Buffer] => [p, readFileSync(join(root, p))]),
        ),
      ),
  };
}
