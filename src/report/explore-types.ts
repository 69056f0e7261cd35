/**
 * The `stowage.explore/v1` model: everything the explorer's browser client shows about one image —
 * the inspect report (the layer list), the path table, every layer's change events column-wise, waste
 * and audit — in one compact document the server serves and `report` embeds. The client (web/) imports
 * only these types; it derives every tree view from the events itself.
 */
import type { AuditReport } from './audit-types.js';
import type { DiffReport } from './diff-report.js';
import type { InspectReport } from './inspect-types.js';
import type { WasteDocument } from './waste-report.js';

/** EXPLORE_SCHEMA is the `schema` value of every explore model. */
export const EXPLORE_SCHEMA = 'stowage.explore/v1';

/** EVENT_KINDS orders the event kind codes of `ExploreEvents.kind`. */
export const EVENT_KINDS = ['added', 'modified', 'metadata', 'deleted', 'hidden'] as const;

/** EventKind is a change a layer made to a path; 'metadata' is a modification of metadata only. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** ENTRY_TYPES orders the entry type codes of `ExploreEvents.type`. */
export const ENTRY_TYPES = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo'] as const;

/**
 * ExploreEvents are every layer's changes, column-wise, layer by layer and within a layer in path
 * order (the order of `tree --layer N`). Row i describes the version added (added / modified /
 * metadata) or removed (deleted / hidden).
 */
export interface ExploreEvents {
  /** path id (index into ExplorePaths) */
  path: number[];
  /** the layer that made the change */
  layer: number[];
  /** index into EVENT_KINDS */
  kind: number[];
  /** index into ENTRY_TYPES */
  type: number[];
  /** content bytes of the version (a hard link: its target's) */
  size: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  /** the layer whose tar stores the version (differs from `layer` for deleted and hidden) */
  source: number[];
  /** symlink / hard-link targets, by row (rows without one are absent) */
  links: Record<number, string>;
  /** metadata-only modifications: the fields that differ, by row */
  fields: Record<number, string[]>;
}

/** ExplorePaths is the path table: id 0 is the root; a parent's id is below its children's. */
export interface ExplorePaths {
  parent: number[];
  name: string[];
}

/** ExploreModel is the whole document. */
export interface ExploreModel {
  schema: typeof EXPLORE_SCHEMA;
  /** the layer list, exactly as `inspect --format json` prints it */
  inspect: InspectReport;
  paths: ExplorePaths;
  /** events of layer N are rows layerStart[N] .. layerStart[N+1]-1 */
  layerStart: number[];
  events: ExploreEvents;
  waste: WasteDocument;
  /** the audit; null in `explore` until its scan ends (the client then asks /api/audit) */
  audit: AuditReport | null;
  /** recoverable problems found while reading */
  warnings: string[];
  /** true when the server can return file bodies (explore), false in a report file */
  files: boolean;
  /** the base image whose layers lead this one (from --base or the image's own annotations), or null */
  base: { reference: string; layers: number } | null;
  /** with `--against IMAGE2`: the `stowage diff` document of this image (A) against IMAGE2 (B) */
  diff: DiffReport | null;
}
