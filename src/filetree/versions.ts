/**
 * Versions: reads a version (one row of one layer's table) through its hard link, and compares two
 * versions the way change sets and waste need: same content, and which metadata fields differ.
 */
import type { EntryType } from '../model/layer-entry.js';
import { ENTRY_TYPES, type LayerTable, TYPE_FILE, TYPE_HARDLINK } from './layer-table.js';
import { NO_VERSION, refLayer, refRow } from './version-ref.js';

/**
 * Versions wraps the layer tables plus, per row, the row carrying its data: itself, or for a hard
 * link the (resolved) row it links to — its "inode". A hard link whose target was missing links to
 * NO_VERSION and reads as an empty regular file.
 */
export class Versions {
  private readonly inodes: Float64Array[];

  constructor(readonly tables: readonly LayerTable[]) {
    this.inodes = tables.map((t) => new Float64Array(t.count).fill(NO_VERSION));
  }

  /** table returns the table holding `ref`. */
  table(ref: number): LayerTable {
    const t = this.tables[refLayer(ref)];
    if (t === undefined) throw new RangeError(`no layer ${refLayer(ref)}`);
    return t;
  }

  /** setInode records which row carries the data of `ref` (a hard link read from its table). */
  setInode(ref: number, inode: number): void {
    const col = this.inodes[refLayer(ref)];
    if (col !== undefined) col[refRow(ref)] = inode;
  }

  /** inode returns the row carrying the data of `ref` (itself unless it is a hard link). */
  inode(ref: number): number {
    const t = this.table(ref);
    const row = refRow(ref);
    if (t.typeCode(row) !== TYPE_HARDLINK) return ref;
    return this.inodes[t.layer]?.[row] ?? NO_VERSION;
  }

  /** typeCode returns the effective type code: a hard link reads as what it links to. */
  typeCode(ref: number): number {
    const inode = this.inode(ref);
    return inode === NO_VERSION ? TYPE_FILE : this.table(inode).typeCode(refRow(inode));
  }

  /** type returns the effective entry type. */
  type(ref: number): EntryType {
    return ENTRY_TYPES[this.typeCode(ref)] ?? 'file';
  }

  /** size returns the effective content size. */
  size(ref: number): number {
    const inode = this.inode(ref);
    return inode === NO_VERSION ? 0 : this.table(inode).size(refRow(inode));
  }

  /** hashKey returns the effective content hash as a compact key, or undefined. */
  hashKey(ref: number): string | undefined {
    const inode = this.inode(ref);
    return inode === NO_VERSION ? undefined : this.table(inode).hashKey(refRow(inode));
  }

  /**
   * sameContent reports whether two versions hold the same content: same effective type and, for
   * regular files, same size and the same sha256 (empty files match without hashes; without hashes
   * two non-empty files never match).
   */
  sameContent(a: number, b: number): boolean {
    const type = this.typeCode(a);
    if (type !== this.typeCode(b)) return false;
    if (type !== TYPE_FILE) return true;
    const size = this.size(a);
    if (size !== this.size(b)) return false;
    if (size === 0) return true;
    const ha = this.hashKey(a);
    return ha !== undefined && ha === this.hashKey(b);
  }

  /** metadataMask returns the bit mask (see METADATA_FIELDS) of metadata that differs. */
  metadataMask(a: number, b: number): number {
    const ta = this.table(a);
    const tb = this.table(b);
    const ra = refRow(a);
    const rb = refRow(b);
    let mask = 0;
    if (ta.mode(ra) !== tb.mode(rb)) mask |= 1;
    if (ta.uid(ra) !== tb.uid(rb)) mask |= 2;
    if (ta.gid(ra) !== tb.gid(rb)) mask |= 4;
    if (ta.xattrsKey(ra) !== tb.xattrsKey(rb)) mask |= 8;
    const linkA = ta.typeCode(ra) === TYPE_HARDLINK ? undefined : ta.linkTarget(ra);
    const linkB = tb.typeCode(rb) === TYPE_HARDLINK ? undefined : tb.linkTarget(rb);
    if (linkA !== linkB) mask |= 16;
    if (ta.mtime(ra) !== tb.mtime(rb)) mask |= 32;
    return mask;
  }
}
