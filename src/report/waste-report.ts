/**
 * buildWasteReport: the `stowage.waste/v1` document — exact reclaimable bytes (DESIGN §5.3) in total,
 * per reason, per layer (holding and causing), per instruction and per path with why each version
 * is waste; duplicate content across paths; and dive's three numbers, computed dive's way and
 * labelled as dive's.
 */
import type { WasteAnalysis } from '../analysis/waste/analyze-waste.js';
import type { KillReason } from '../filetree/kill-log.js';
import type { ImageFacts } from './analyze-context.js';
import { displayCreatedBy } from './format/created-by.js';
import { truncate } from './format/text.js';

/** WASTE_SCHEMA is the `schema` value of every waste report. */
export const WASTE_SCHEMA = 'stowage.waste/v1';

/** WasteTallyJson is a byte and file count. */
export interface WasteTallyJson {
  bytes: number;
  files: number;
}

/** WasteVersionJson is one wasted file version with the reason in words. */
export interface WasteVersionJson {
  layer: number;
  size: number;
  killedBy: number;
  reason: KillReason;
  /** e.g. "overwritten by layer 5 (COPY file:… in /app/data/model.bin)" */
  why: string;
}

/** WasteDocument is the whole `stowage.waste/v1` document. */
export interface WasteDocument {
  schema: typeof WASTE_SCHEMA;
  reference: string;
  manifestDigest: string;
  totals: {
    reclaimableBytes: number;
    wastedFiles: number;
    /** Σ regular-file bytes stored over all layers */
    layerFileBytes: number;
    /** Σ bytes the final filesystem shows (hard-linked content once) */
    finalFileBytes: number;
    /** reclaimableBytes / layerFileBytes (0 when there are no file bytes) */
    reclaimableRatio: number;
  };
  byReason: Record<KillReason, WasteTallyJson>;
  byLayer: {
    index: number;
    createdBy: string | null;
    /** wasted bytes stored in this layer */
    wasted: WasteTallyJson;
    /** bytes of any layer (this one included) that this layer overwrote, deleted or hid */
    caused: WasteTallyJson;
  }[];
  byInstruction: { instruction: string; layers: number[]; wasted: WasteTallyJson; caused: WasteTallyJson }[];
  topPaths: { path: string; bytes: number; versions: WasteVersionJson[] }[];
  duplicates: {
    groupCount: number;
    reclaimableBytes: number;
    crossLayerGroups: number;
    groups: {
      contentHash: string;
      size: number;
      copies: number;
      reclaimableBytes: number;
      layers: number[];
      paths: { path: string; layer: number }[];
    }[];
  };
  dive: {
    note: string;
    efficiency: number;
    wastedBytes: number;
    userWastedRatio: number | null;
    imageSizeBytes: number;
    userSizeBytes: number;
    inefficientPaths: number;
    inefficiencies: { path: string; count: number; cumulativeSize: number }[];
  };
}

/** DIVE_NOTE labels dive's numbers wherever they are shown. */
export const DIVE_NOTE =
  "dive's numbers, computed the way dive computes them (the surviving copy counts as waste; opaque directories and the contents of deleted directories are ignored); not stowage's reclaimable bytes";

/** instructionOf names the instruction that made layer `i` (`layer i` when the history has none). */
export function instructionOf(facts: ImageFacts, i: number): string {
  const created = displayCreatedBy(facts.layers[i]?.createdBy ?? null);
  return created === '' ? `layer ${i}` : created;
}

/** explainWaste says in words why a version is waste. */
export function explainWaste(
  facts: ImageFacts,
  v: { layer: number; killedBy: number; reason: KillReason },
): string {
  const by = v.killedBy === v.layer ? `later in the same layer ${v.layer}` : `by layer ${v.killedBy}`;
  const instr = ` (${truncate(instructionOf(facts, v.killedBy), 60)})`;
  switch (v.reason) {
    case 'overwritten':
      return `overwritten ${by}${instr}`;
    case 'metadata-only':
      return `copied again ${by} only to change metadata (chmod/chown)${instr}`;
    case 'deleted':
      return `deleted ${by}${instr}`;
    default:
      return `hidden by an opaque directory ${v.killedBy === v.layer ? `later in the same layer ${v.layer}` : `in layer ${v.killedBy}`}${instr}`;
  }
}

/** buildWasteReport assembles the waste document from an analysis. */
export function buildWasteReport(facts: ImageFacts, a: WasteAnalysis): WasteDocument {
  const w = a.waste;
  const byLayer = facts.layers.map((l) => ({
    index: l.index,
    createdBy: l.createdBy,
    wasted: { ...(w.byLayer[l.index] ?? { bytes: 0, files: 0 }) },
    caused: { ...(w.byKiller[l.index] ?? { bytes: 0, files: 0 }) },
  }));
  const instructions = new Map<string, WasteDocument['byInstruction'][number]>();
  for (const l of byLayer) {
    const key = instructionOf(facts, l.index);
    let row = instructions.get(key);
    if (row === undefined) {
      row = { instruction: key, layers: [], wasted: { bytes: 0, files: 0 }, caused: { bytes: 0, files: 0 } };
      instructions.set(key, row);
    }
    row.layers.push(l.index);
    row.wasted.bytes += l.wasted.bytes;
    row.wasted.files += l.wasted.files;
    row.caused.bytes += l.caused.bytes;
    row.caused.files += l.caused.files;
  }
  const d = a.dive;
  return {
    schema: WASTE_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    totals: {
      reclaimableBytes: w.totalBytes,
      wastedFiles: w.wastedFiles,
      layerFileBytes: w.layerFileBytes,
      finalFileBytes: w.finalFileBytes,
      reclaimableRatio: w.layerFileBytes === 0 ? 0 : w.totalBytes / w.layerFileBytes,
    },
    byReason: w.byReason,
    byLayer,
    byInstruction: [...instructions.values()]
      .filter((r) => r.wasted.bytes + r.caused.bytes > 0)
      .sort((x, y) => y.caused.bytes + y.wasted.bytes - (x.caused.bytes + x.wasted.bytes)),
    topPaths: w.topPaths.map((p) => ({
      path: p.path,
      bytes: p.bytes,
      versions: p.versions.map((v) => ({
        layer: v.layer,
        size: v.size,
        killedBy: v.killedBy,
        reason: v.reason,
        why: explainWaste(facts, v),
      })),
    })),
    duplicates: {
      groupCount: a.duplicates.groupCount,
      reclaimableBytes: a.duplicates.reclaimableBytes,
      crossLayerGroups: a.duplicates.crossLayerGroups,
      groups: a.duplicates.groups.map((g) => ({
        contentHash: g.contentHash,
        size: g.size,
        copies: g.copies,
        reclaimableBytes: g.reclaimableBytes,
        layers: g.layers,
        paths: g.paths,
      })),
    },
    dive: {
      note: DIVE_NOTE,
      efficiency: d.efficiency,
      wastedBytes: d.wastedBytes,
      userWastedRatio: d.userWastedRatio ?? null,
      imageSizeBytes: d.imageSizeBytes,
      userSizeBytes: d.userSizeBytes,
      inefficientPaths: d.inefficientPaths,
      inefficiencies: d.inefficiencies,
    },
  };
}
