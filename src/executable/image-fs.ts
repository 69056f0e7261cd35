/**
 * ImageFs: an image's merged filesystem as the executable readers see it — nodes without following
 * links, directory listings, and the bytes of regular files, read through the image's layers (a
 * batch of files per pass over the layers that hold them, each body buffered alone, never a layer).
 */
import type { FileNode } from '../filetree/file-node.js';
import type { FileTree } from '../filetree/file-tree.js';
import type { Image } from '../model/image.js';

/** ImageFs is a read-only view of one image's final filesystem. */
export interface ImageFs {
  /** node returns the visible node at `path` (relative, normalised), not following a symlink */
  node(path: string): FileNode | undefined;
  /** children lists the visible nodes directly below directory `path` (`.` for the root) */
  children(path: string): FileNode[];
  /** readFiles returns the contents of regular files (or hard links) at exactly these paths */
  readFiles(paths: readonly string[]): Promise<Map<string, Buffer>>;
}

/** below yields every visible node under directory `path` (not `path` itself), parents first. */
export function* below(fs: ImageFs, path: string): Generator<FileNode> {
  const stack = [path];
  while (stack.length > 0) {
    for (const c of fs.children(stack.pop() as string)) {
      yield c;
      if (c.type === 'dir') stack.push(c.path);
    }
  }
}

/** MAX_READ is the largest file body readFiles buffers (bigger files are not read). */
export const MAX_READ = 512 << 20;

/** imageFs returns the ImageFs of `image` whose merged tree is `tree`. */
export function imageFs(image: Image, tree: FileTree): ImageFs {
  const cache = new Map<string, Buffer>();
  return {
    node: (path) => tree.get(path),
    children: (path) => tree.children(path),
    async readFiles(paths) {
      const missing = [...new Set(paths)].filter((p) => !cache.has(p));
      if (missing.length > 0) {
        for (const [p, body] of await readBodies(image, tree, missing)) cache.set(p, body);
      }
      const out = new Map<string, Buffer>();
      for (const p of paths) {
        const body = cache.get(p);
        if (body !== undefined) out.set(p, body);
      }
      return out;
    },
  };
}

/** wanted maps layer index → path stored in that layer → the requested paths it serves. */
type Wanted = Map<number, Map<string, string[]>>;

function want(w: Wanted, layer: number, stored: string, requested: string): void {
  let m = w.get(layer);
  if (m === undefined) w.set(layer, (m = new Map()));
  const list = m.get(stored);
  if (list === undefined) m.set(stored, [requested]);
  else list.push(requested);
}

/**
 * readBodies reads the visible content of `paths`. A hard link's bytes are its target's entry in
 * the link's own layer, or else the target's visible version.
 */
async function readBodies(
  image: Image,
  tree: FileTree,
  paths: readonly string[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const first: Wanted = new Map();
  const fallback: Wanted = new Map();
  for (const p of paths) {
    const n = tree.get(p);
    if (n === undefined || n.size > MAX_READ) continue;
    if (n.type === 'file') want(first, n.layer, p, p);
    else if (n.type === 'hardlink' && n.linkTarget !== undefined) {
      want(first, n.layer, n.linkTarget, p);
      const target = tree.get(n.linkTarget);
      if (target !== undefined) want(fallback, target.layer, n.linkTarget, p);
    }
  }
  await readPass(image, first, out);
  for (const [layer, m] of fallback) {
    for (const [stored, reqs] of m) {
      const left = reqs.filter((r) => !out.has(r));
      if (left.length === 0) m.delete(stored);
      else m.set(stored, left);
    }
    if (m.size === 0) fallback.delete(layer);
  }
  if (fallback.size > 0) await readPass(image, fallback, out);
  return out;
}

async function readPass(image: Image, wanted: Wanted, out: Map<string, Buffer>): Promise<void> {
  const layers = await image.layers();
  for (const [index, paths] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const layer = layers[index];
    if (layer === undefined) continue;
    for await (const item of layer.items()) {
      const e = item.entry;
      const reqs = e.type === 'file' && e.whiteout === undefined ? paths.get(e.path) : undefined;
      if (reqs === undefined) continue;
      const chunks: Buffer[] = [];
      for await (const c of item.body()) chunks.push(c);
      const body = Buffer.concat(chunks);
      // a later entry for the same path in this layer replaces this one (DESIGN.md §5.2)
      for (const r of reqs) out.set(r, body);
    }
  }
}
