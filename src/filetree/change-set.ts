/**
 * Change-set types: what one layer did to the stack below it, and what every layer did to one path.
 * Metadata fields are kept as a bit mask while stacking and named only when a report asks.
 */
import type { EntryType } from '../model/layer-entry.js';

/** ChangeKind is what a layer did to a path relative to the stack below it. */
export type ChangeKind = 'added' | 'modified' | 'deleted' | 'hidden';

/** Modification says whether a modified path changed its content or only its metadata. */
export type Modification = 'content' | 'metadata';

/** MetadataField names one attribute that differs between two versions with the same content. */
export type MetadataField = 'mode' | 'uid' | 'gid' | 'xattrs' | 'linkTarget' | 'mtime';

/** METADATA_FIELDS lists the fields in bit order (bit i of a mask = METADATA_FIELDS[i]). */
export const METADATA_FIELDS: readonly MetadataField[] = [
  'mode',
  'uid',
  'gid',
  'xattrs',
  'linkTarget',
  'mtime',
];

/** fieldNames turns a bit mask into field names. */
export function fieldNames(mask: number): MetadataField[] {
  return METADATA_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * Change is one path in a layer's change set. `size` is the content size of the version added (for
 * added/modified) or removed (for deleted/hidden); a hard link carries its target's size.
 */
export interface Change {
  path: string;
  kind: ChangeKind;
  /** the type of the version added, or of the version removed */
  type: EntryType;
  size: number;
  /** for kind 'modified' */
  modification?: Modification;
  /** for modification 'metadata': the fields that differ (empty when only an identical copy) */
  fields?: MetadataField[];
  /** for kind 'modified': the layer the replaced version came from */
  previousLayer?: number;
  /** for kind 'modified': the size of the replaced version */
  previousSize?: number;
}

/**
 * ChangeSet is one layer's effect on the stack below it. `deleted` lists every removed path: those a
 * whiteout named, everything below a deleted directory, and everything an opaque marker hid (kind
 * 'hidden'). Byte totals count content sizes of the listed versions.
 */
export interface ChangeSet {
  layer: number;
  added: Change[];
  modified: Change[];
  deleted: Change[];
  addedBytes: number;
  modifiedBytes: number;
  deletedBytes: number;
}

/** PathEvent is one layer touching one path, as `pathHistory` reports it. */
export interface PathEvent {
  layer: number;
  kind: ChangeKind;
  type: EntryType;
  size: number;
  modification?: Modification;
  fields?: MetadataField[];
}
