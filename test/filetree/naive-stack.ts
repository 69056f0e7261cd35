/**
 * A deliberately naive reference stacker for property tests: a Map from path to entry, prefix scans
 * for whiteouts and opaque directories, no interning. Slow and obvious, so it can judge the real one.
 */
import type { LayerEntry } from '../../src/model/layer-entry.js';

/** NaiveNode is one visible path; `content` is an identity object shared by hard links. */
export interface NaiveNode {
  type: LayerEntry['type'] | 'implicit-dir';
  size: number;
  content: object | undefined;
  layer: number;
  linkTarget?: string;
}

const isDir = (n: NaiveNode | undefined) =>
  n !== undefined && (n.type === 'dir' || n.type === 'implicit-dir');

function removeBelow(fs: Map<string, NaiveNode>, path: string): void {
  const prefix = path === '.' ? '' : `${path}/`;
  for (const k of [...fs.keys()]) if (k.startsWith(prefix)) fs.delete(k);
}

function ensureDir(fs: Map<string, NaiveNode>, path: string, layer: number): void {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    if (isDir(fs.get(p))) continue;
    fs.set(p, { type: 'implicit-dir', size: 0, content: undefined, layer });
  }
}

/** resolveDir follows symlinks in `dir`'s segments, inside the root (`..` stops there). */
function resolveDir(fs: Map<string, NaiveNode>, dir: string): string {
  const out: string[] = [];
  const pending = dir.split('/').reverse();
  let links = 0;
  while (pending.length > 0) {
    const seg = pending.pop() as string;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      out.pop();
      continue;
    }
    const node = fs.get([...out, seg].join('/'));
    if (node?.type === 'symlink' && links++ < 255) {
      const target = node.linkTarget ?? '';
      if (target.startsWith('/')) out.length = 0;
      pending.push(...target.split('/').reverse());
      continue;
    }
    out.push(seg);
  }
  return out.length === 0 ? '.' : out.join('/');
}

/** resolveParent resolves the directory part of `path`, keeping its last segment. */
function resolveParent(fs: Map<string, NaiveNode>, path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return path;
  const dir = resolveDir(fs, path.slice(0, slash));
  return dir === '.' ? path.slice(slash + 1) : `${dir}/${path.slice(slash + 1)}`;
}

/** naiveStack applies layers (base first) and returns the visible paths. */
export function naiveStack(layers: LayerEntry[][]): Map<string, NaiveNode> {
  const fs = new Map<string, NaiveNode>();
  layers.forEach((entries, layer) => {
    const opaque = new Map<LayerEntry, string>();
    for (const e of entries) {
      if (e.whiteout !== 'opaque') continue;
      const dir = resolveDir(fs, e.path);
      opaque.set(e, dir);
      removeBelow(fs, dir);
    }
    for (const e of entries) {
      if (e.whiteout !== 'file') continue;
      const path = resolveParent(fs, e.path);
      fs.delete(path);
      removeBelow(fs, path);
    }
    for (const stored of entries) {
      if (stored.whiteout === 'file' || stored.path === '.') continue;
      if (stored.whiteout === 'opaque') {
        if (opaque.get(stored) === stored.path) ensureDir(fs, stored.path, layer);
        continue;
      }
      const e = { ...stored, path: resolveParent(fs, stored.path) };
      const slash = e.path.lastIndexOf('/');
      if (slash > 0) ensureDir(fs, e.path.slice(0, slash), layer);
      if (isDir(fs.get(e.path)) && e.type !== 'dir') removeBelow(fs, e.path);
      let node: NaiveNode = {
        type: e.type,
        size: e.size,
        content: e.type === 'file' ? {} : undefined,
        layer,
        ...(e.type === 'symlink' && { linkTarget: e.linkTarget }),
      };
      if (e.type === 'hardlink') {
        const target = fs.get(resolveParent(fs, e.linkTarget ?? ''));
        node =
          target === undefined || isDir(target)
            ? { ...node, size: 0 }
            : { ...node, size: target.size, content: target.content };
      }
      fs.set(e.path, node);
    }
  });
  return fs;
}

/** naiveFinalBytes sums the content visible, each shared content once. */
export function naiveFinalBytes(fs: Map<string, NaiveNode>): number {
  const seen = new Set<object>();
  let bytes = 0;
  for (const n of fs.values()) {
    if (n.content === undefined || seen.has(n.content)) continue;
    seen.add(n.content);
    bytes += n.size;
  }
  return bytes;
}
