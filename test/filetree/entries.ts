/**
 * Test helpers: hand-made LayerEntry values and a one-call stacker, so file-tree, waste and dive
 * tests read as lists of entries per layer.
 */
import { createHash } from 'node:crypto';
import type { Digest } from '../../src/model/digest.js';
import type { LayerEntry } from '../../src/model/layer-entry.js';
import { tableFromEntries } from '../../src/filetree/layer-table.js';
import type { LayerStack } from '../../src/filetree/layer-stack.js';
import { PathTrie } from '../../src/filetree/path-trie.js';
import { stackLayers } from '../../src/filetree/stack-layers.js';

type Extra = Partial<Omit<LayerEntry, 'path' | 'type'>>;

function base(path: string, type: LayerEntry['type'], extra: Extra): LayerEntry {
  return {
    path,
    rawPath: path,
    type,
    size: 0,
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtime: 1_700_000_000,
    offset: 0,
    ...extra,
  };
}

/** sha256 returns the digest of a string's UTF-8 bytes. */
export function sha256(content: string): Digest {
  return `sha256:${createHash('sha256').update(content).digest('hex')}` as Digest;
}

/** file is a regular file with `content`. */
export function file(path: string, content: string, extra: Extra = {}): LayerEntry {
  return base(path, 'file', { size: Buffer.byteLength(content), contentHash: sha256(content), ...extra });
}

/** dir is a directory (0755). */
export function dir(path: string, extra: Extra = {}): LayerEntry {
  return base(path, 'dir', { mode: 0o755, ...extra });
}

/** symlink is a symbolic link to `target`. */
export function symlink(path: string, target: string, extra: Extra = {}): LayerEntry {
  return base(path, 'symlink', { mode: 0o777, linkTarget: target, ...extra });
}

/** hardlink is a hard link to the normalised path `target`. */
export function hardlink(path: string, target: string, extra: Extra = {}): LayerEntry {
  return base(path, 'hardlink', { linkTarget: target, ...extra });
}

/** whiteout deletes `path` from lower layers. */
export function whiteout(path: string): LayerEntry {
  const slash = path.lastIndexOf('/');
  const raw = slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
  return { ...base(path, 'file', {}), rawPath: raw, whiteout: 'file' };
}

/** opaque makes directory `path` opaque. */
export function opaque(path: string): LayerEntry {
  return { ...base(path, 'file', {}), rawPath: `${path}/.wh..wh..opq`, whiteout: 'opaque' };
}

/** stackEntries stacks layers given as entry lists, base first. */
export async function stackEntries(...layers: LayerEntry[][]): Promise<LayerStack> {
  const trie = new PathTrie();
  const tables = [];
  for (const [i, entries] of layers.entries()) tables.push(await tableFromEntries(entries, i, trie));
  return stackLayers(trie, tables);
}
