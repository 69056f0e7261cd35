/**
 * The entry rules behind the transforms: drop-waste keeps only file versions the final filesystem
 * still shows; strip drops matched paths and everything below them; squash keeps, in the squashed
 * range, only each path's final entry (plus the range's whiteouts when layers stay below it).
 */
import picomatch from 'picomatch';
import type { LayerStack } from '../filetree/layer-stack.js';
import { NO_VERSION, refLayer, versionRef } from '../filetree/version-ref.js';
import type { EntryRule } from './rewrite-plan.js';

/** KeepOptions select the rules combined by `keepRule`. */
export interface KeepOptions {
  dropWaste?: boolean;
  /** layers from this index up are squashed into one */
  squashFrom?: number;
  /** paths (globs, leading `/` optional) removed with everything below them */
  strip?: readonly string[];
  /** when set, only these paths (normalised, parents included) are kept: slim's kept set */
  keepOnly?: ReadonlySet<string>;
}

/** liveVersions returns the file versions whose bytes a visible path shows. */
export function liveVersions(stack: LayerStack): Set<number> {
  const live = new Set<number>();
  for (const f of stack.tree.regularFiles()) if (f.contentId !== NO_VERSION) live.add(f.contentId);
  return live;
}

/** finalVersions maps each visible path (by trie id) to the entry that shows it, if an entry does. */
export function finalVersions(stack: LayerStack): Map<number, number> {
  const last = new Map<number, number>();
  for (const t of stack.tables) {
    for (let row = 0; row < t.entryCount; row++) {
      if (!t.isWhiteout(row) && !t.isOpaque(row)) last.set(t.pathId(row), versionRef(t.layer, row));
    }
  }
  const out = new Map<number, number>();
  for (const [id, ref] of last) {
    const node = stack.tree.get(stack.trie.path(id));
    if (node !== undefined && !node.implicit && node.layer === refLayer(ref)) out.set(id, ref);
  }
  return out;
}

/** stripMatcher returns a test for paths matched by a glob or lying below a match. */
export function stripMatcher(globs: readonly string[]): (path: string) => boolean {
  const isMatch = picomatch(
    globs.map((g) => g.replace(/^\/+/, '').replace(/\/+$/, '')),
    { dot: true },
  );
  return (path) => {
    for (let p = path; p !== ''; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      if (isMatch(p)) return true;
    }
    return false;
  };
}

/** keepRule combines the selected rules into one EntryRule over `stack`. */
export function keepRule(stack: LayerStack, opts: KeepOptions): EntryRule {
  const live = opts.dropWaste === true ? liveVersions(stack) : undefined;
  const squashFrom = opts.squashFrom;
  const final = squashFrom === undefined ? undefined : finalVersions(stack);
  const stripped = opts.strip !== undefined && opts.strip.length > 0 ? stripMatcher(opts.strip) : undefined;
  const only = opts.keepOnly;
  return (layer, row, inode) => {
    const t = stack.tables[layer];
    if (t === undefined) return true;
    const marker = t.isWhiteout(row) || t.isOpaque(row);
    const path = stack.trie.path(t.pathId(row));
    if (stripped?.(path) === true) return false;
    if (only !== undefined && !marker && !only.has(path)) return false;
    if (final !== undefined && squashFrom !== undefined && layer >= squashFrom) {
      if (marker) return squashFrom > 0;
      return final.get(t.pathId(row)) === versionRef(layer, row);
    }
    if (live !== undefined && !marker && inode !== NO_VERSION) return live.has(inode);
    return true;
  };
}
