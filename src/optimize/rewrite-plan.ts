/**
 * RewritePlan: what a transform does to every tar entry of every layer, decided up front from the
 * stacked tables (no layer is read twice to decide). Each entry is kept, dropped, re-pointed (a hard
 * link whose target path no longer holds its content in the output links to a path that does), or
 * materialised (a hard link whose content is nowhere in the output becomes a regular file with the
 * bytes of the version it showed, read again from that version's layer).
 */
import type { LayerStack } from '../filetree/layer-stack.js';
import { TYPE_FILE, TYPE_HARDLINK } from '../filetree/layer-table.js';
import { NO_VERSION, versionRef } from '../filetree/version-ref.js';

/**
 * EntryRule decides, before hard-link fix-ups, whether entry `row` of `layer` is kept; `inode` is the
 * version whose bytes the entry shows (itself for a file, what a hard link resolves to, else -1).
 */
export type EntryRule = (layer: number, row: number, inode: number) => boolean;

/** Fixup says how a kept hard link is written when its target no longer holds its content. */
export type Fixup = { kind: 'relink'; target: string } | { kind: 'materialise'; from: number };

/** LayerPlan is one source layer's decisions, indexed by tar entry ordinal. */
export interface LayerPlan {
  keep: Uint8Array;
  fixups: Map<number, Fixup>;
  /** true when every entry is kept as is: the layer can be reused byte for byte */
  untouched: boolean;
}

/**
 * planRewrite applies `rule` to every entry of `stack` in layer order and fixes up the kept hard
 * links. Hard links are resolved as a tar extractor would at that point of the stream: to the
 * version their target path holds, in the original and in the output.
 */
export function planRewrite(stack: LayerStack, rule: EntryRule): LayerPlan[] {
  const trie = stack.trie;
  const origCur = new Map<number, number>();
  const outCur = new Map<number, number>();
  const home = new Map<number, number>();
  return stack.tables.map((t) => {
    const keep = new Uint8Array(t.entryCount);
    const fixups = new Map<number, Fixup>();
    let untouched = true;
    for (let row = 0; row < t.entryCount; row++) {
      const pathId = t.pathId(row);
      const ref = versionRef(t.layer, row);
      const type = t.typeCode(row);
      const marker = t.isWhiteout(row) || t.isOpaque(row);
      const targetId = type === TYPE_HARDLINK ? trie.lookup(t.linkTarget(row) ?? '') : undefined;
      let inode = NO_VERSION;
      if (type === TYPE_FILE && !marker) inode = ref;
      else if (type === TYPE_HARDLINK && targetId !== undefined) inode = origCur.get(targetId) ?? NO_VERSION;
      const kept = rule(t.layer, row, inode);
      if (marker) {
        origCur.delete(pathId);
        if (kept) outCur.delete(pathId);
      } else {
        origCur.set(pathId, inode);
        if (
          kept &&
          type === TYPE_HARDLINK &&
          inode !== NO_VERSION &&
          (targetId === undefined || outCur.get(targetId) !== inode)
        ) {
          const at = home.get(inode);
          if (at !== undefined && outCur.get(at) === inode)
            fixups.set(row, { kind: 'relink', target: trie.path(at) });
          else {
            fixups.set(row, { kind: 'materialise', from: inode });
            home.set(inode, pathId);
          }
        }
        if (kept) {
          outCur.set(pathId, inode);
          if (inode !== NO_VERSION && !home.has(inode)) home.set(inode, pathId);
        }
      }
      keep[row] = kept ? 1 : 0;
      if (!kept || fixups.has(row)) untouched = false;
    }
    return { keep, fixups, untouched };
  });
}
