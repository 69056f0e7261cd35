/**
 * rewriteConfig: the new image config of a transformed image — the source config's bytes parsed as
 * plain JSON (every field kept, in order), with rootfs.diff_ids replaced and the history entries of
 * rewritten or squashed layers marked in their comment. Squashed-away layers' entries stay, marked
 * and flagged empty_layer, so the build steps remain readable.
 */
import type { Digest } from '../model/digest.js';
import { isObject, parseJson } from '../model/json.js';

/** OutputGroup is one output layer: the source layers it is made of and whether it was rewritten. */
export interface OutputGroup {
  sources: number[];
  rewritten: boolean;
  /** what was applied, for the history comment, e.g. `drop-waste, strip` */
  note: string;
}

function mark(entry: Record<string, unknown>, note: string): void {
  const prior = typeof entry.comment === 'string' && entry.comment !== '' ? `${entry.comment}; ` : '';
  entry.comment = `${prior}stowage: ${note}`;
}

/** rewriteConfig returns the config bytes for `groups` with the given diff_ids. */
export function rewriteConfig(
  raw: Uint8Array,
  groups: readonly OutputGroup[],
  diffIds: readonly Digest[],
): Buffer {
  const json = parseJson(raw, 'image config');
  const config: Record<string, unknown> = isObject(json) ? { ...json } : {};
  const rootfs: Record<string, unknown> = isObject(config.rootfs) ? { ...config.rootfs } : { type: 'layers' };
  rootfs.diff_ids = [...diffIds];
  config.rootfs = rootfs;
  const history = Array.isArray(config.history)
    ? config.history.map((h) => (isObject(h) ? { ...h } : h))
    : [];
  const layerEntries = history.filter(
    (h): h is Record<string, unknown> => isObject(h) && h.empty_layer !== true,
  );
  const sourceCount = groups.reduce((n, g) => n + g.sources.length, 0);
  if (layerEntries.length === sourceCount) {
    for (const g of groups) {
      if (!g.rewritten) continue;
      const [first, ...rest] = g.sources;
      const head = layerEntries[first ?? 0];
      if (head !== undefined)
        mark(
          head,
          g.sources.length > 1
            ? `squashed layers ${first}–${g.sources.at(-1)}${g.note ? `, ${g.note}` : ''}`
            : `rewritten: ${g.note}`,
        );
      for (const i of rest) {
        const e = layerEntries[i];
        if (e === undefined) continue;
        e.empty_layer = true;
        mark(e, `squashed into layer ${first}`);
      }
    }
    config.history = history;
  }
  return Buffer.from(JSON.stringify(config));
}
