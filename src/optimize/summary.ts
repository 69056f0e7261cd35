/**
 * summarizePlan: what a transform did, in numbers — layers and bytes before and after, the file
 * versions and bytes it removed (by rule), the paths it stripped, and each output layer's origin.
 */
import type { LayerStack } from '../filetree/layer-stack.js';
import { TYPE_FILE } from '../filetree/layer-table.js';
import { refLayer, refRow } from '../filetree/version-ref.js';
import type { Digest } from '../model/digest.js';
import type { Layer } from '../model/image.js';
import { stripMatcher, type KeepOptions } from './keep-rules.js';
import type { OutputGroup } from './rewrite-config.js';
import type { LayerPlan } from './rewrite-plan.js';

/** RemovedTally counts removed file versions and their content bytes. */
export interface RemovedTally {
  files: number;
  bytes: number;
}

/** OutputLayerSummary says where one output layer came from. */
export interface OutputLayerSummary {
  index: number;
  sources: number[];
  reused: boolean;
  digest: Digest;
  size: number;
  /** uncompressed tar size, for rewritten layers */
  tarSize?: number;
}

/** OptimizeSummary is the before/after account of one transform. */
export interface OptimizeSummary {
  before: { layers: number; compressedBytes: number; layerFileBytes: number };
  after: { layers: number; compressedBytes: number; layerFileBytes: number };
  /** `strip` counts what --strip or slim's kept set removed; `superseded` what squash/drop-waste did */
  removed: { strip: RemovedTally; superseded: RemovedTally; entries: number };
  /** hard links turned into regular files because their target was removed */
  materialised: RemovedTally;
  /** stripped paths, sorted */
  strippedPaths: string[];
  layers: OutputLayerSummary[];
}

/** summarizePlan accounts `plans` over `stack`. */
export function summarizePlan(
  stack: LayerStack,
  plans: readonly LayerPlan[],
  opts: KeepOptions,
  sourceLayers: readonly Layer[],
  groups: readonly OutputGroup[],
  out: readonly Layer[],
  tarSizes: readonly (number | undefined)[],
): OptimizeSummary {
  const stripped = opts.strip !== undefined && opts.strip.length > 0 ? stripMatcher(opts.strip) : undefined;
  const removed = { strip: { files: 0, bytes: 0 }, superseded: { files: 0, bytes: 0 }, entries: 0 };
  const materialised = { files: 0, bytes: 0 };
  const strippedPaths = new Set<string>();
  let layerFileBytes = 0;
  for (const t of stack.tables) {
    const plan = plans[t.layer];
    for (let row = 0; row < t.entryCount; row++) {
      const isFile = t.typeCode(row) === TYPE_FILE && !t.isWhiteout(row) && !t.isOpaque(row);
      if (isFile) layerFileBytes += t.size(row);
      const fix = plan?.fixups.get(row);
      if (fix?.kind === 'materialise') {
        const src = stack.tables[refLayer(fix.from)];
        materialised.files++;
        materialised.bytes += src?.size(refRow(fix.from)) ?? 0;
      }
      if (plan?.keep[row] === 1) continue;
      removed.entries++;
      const path = stack.trie.path(t.pathId(row));
      const notKept = opts.keepOnly !== undefined && !opts.keepOnly.has(path);
      const byStrip = stripped?.(path) === true;
      if (byStrip && !t.isWhiteout(row) && !t.isOpaque(row)) strippedPaths.add(path);
      if (!isFile) continue;
      const tally = byStrip || notKept ? removed.strip : removed.superseded;
      tally.files++;
      tally.bytes += t.size(row);
    }
  }
  const sum = (ls: readonly Layer[]) => ls.reduce((n, l) => n + l.size, 0);
  return {
    before: { layers: sourceLayers.length, compressedBytes: sum(sourceLayers), layerFileBytes },
    after: {
      layers: out.length,
      compressedBytes: sum(out),
      layerFileBytes: layerFileBytes - removed.strip.bytes - removed.superseded.bytes + materialised.bytes,
    },
    removed,
    materialised,
    strippedPaths: [...strippedPaths].sort(),
    layers: out.map((l, i) => {
      const s: OutputLayerSummary = {
        index: i,
        sources: groups[i]?.sources ?? [],
        reused: groups[i]?.rewritten !== true,
        digest: l.digest,
        size: l.size,
      };
      const tar = tarSizes[i];
      if (tar !== undefined) s.tarSize = tar;
      return s;
    }),
  };
}
