/**
 * LayerTable: one layer's entries stored column-wise (typed arrays, a 32-byte slot per content hash,
 * sparse maps for link targets and xattrs) instead of one LayerEntry object per entry. This is what
 * the stacker, waste and dive's score read; it keeps 100k-entry layers to a few MB.
 */
import type { Digest } from '../model/digest.js';
import type { EntryType, LayerEntry } from '../model/layer-entry.js';
import type { PathTrie } from './path-trie.js';
import { regrow } from './regrow.js';

/** ENTRY_TYPES lists entry types by their numeric code in a LayerTable. */
export const ENTRY_TYPES: readonly EntryType[] = [
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
];
const TYPE_CODE = new Map<EntryType, number>(ENTRY_TYPES.map((t, i) => [t, i]));

/** TYPE_FILE, TYPE_DIR, TYPE_SYMLINK, TYPE_HARDLINK are the codes the stacker tests most. */
export const TYPE_FILE = 0;
export const TYPE_DIR = 1;
export const TYPE_SYMLINK = 2;
export const TYPE_HARDLINK = 3;

const WHITEOUT = 1;
const OPAQUE = 2;
const IMPLICIT = 4;
const HASHED = 8;

const HASH_BYTES = 32;

/** LayerTable holds one layer's entries in tar order; index `i` addresses entry i. */
export class LayerTable {
  /** count is the number of rows, implicit directories included */
  count = 0;
  /** entryCount is the number of entries the layer's tar held (implicit directories excluded) */
  entryCount = 0;
  private cap = 0;
  private pathCol = new Int32Array(0);
  private typeCol = new Uint8Array(0);
  private flagCol = new Uint8Array(0);
  private modeCol = new Uint16Array(0);
  private uidCol = new Float64Array(0);
  private gidCol = new Float64Array(0);
  private sizeCol = new Float64Array(0);
  private mtimeCol = new Float64Array(0);
  private hashCol = Buffer.alloc(0);
  private readonly linkTargets = new Map<number, string>();
  private readonly storedSizes = new Map<number, number>();
  private readonly xattrCol = new Map<number, string>();

  constructor(
    readonly layer: number,
    readonly trie: PathTrie,
    private readonly xattrPool: Map<string, string> = new Map(),
  ) {}

  /** add appends one tar entry. */
  add(e: LayerEntry): number {
    const i = this.row(this.trie.intern(e.path), TYPE_CODE.get(e.type) ?? TYPE_FILE);
    this.entryCount++;
    let flags = 0;
    if (e.whiteout === 'file') flags |= WHITEOUT;
    if (e.whiteout === 'opaque') flags |= OPAQUE;
    this.modeCol[i] = e.mode & 0o7777;
    this.uidCol[i] = e.uid;
    this.gidCol[i] = e.gid;
    this.sizeCol[i] = e.size;
    this.mtimeCol[i] = e.mtime;
    if (e.contentHash !== undefined && e.contentHash.startsWith('sha256:')) {
      this.hashCol.write(e.contentHash.slice(7), i * HASH_BYTES, HASH_BYTES, 'hex');
      flags |= HASHED;
    }
    this.flagCol[i] = flags;
    if (e.linkTarget !== undefined) this.linkTargets.set(i, e.linkTarget);
    if (e.storedSize !== undefined) this.storedSizes.set(i, e.storedSize);
    if (e.xattrs !== undefined && Object.keys(e.xattrs).length > 0)
      this.xattrCol.set(i, this.xattrKey(e.xattrs));
    return i;
  }

  /** addImplicitDir appends a directory the layer implies (a parent no entry named): 0755, root-owned. */
  addImplicitDir(pathId: number): number {
    const i = this.row(pathId, TYPE_DIR);
    this.modeCol[i] = 0o755;
    this.flagCol[i] = IMPLICIT;
    return i;
  }

  pathId(i: number): number {
    return this.pathCol[i] ?? 0;
  }
  /** setPathId moves row `i` to another path: where stacking placed it (a parent was a symlink). */
  setPathId(i: number, pathId: number): void {
    this.pathCol[i] = pathId;
  }
  typeCode(i: number): number {
    return this.typeCol[i] ?? TYPE_FILE;
  }
  type(i: number): EntryType {
    return ENTRY_TYPES[this.typeCode(i)] ?? 'file';
  }
  isWhiteout(i: number): boolean {
    return ((this.flagCol[i] ?? 0) & WHITEOUT) !== 0;
  }
  isOpaque(i: number): boolean {
    return ((this.flagCol[i] ?? 0) & OPAQUE) !== 0;
  }
  isImplicit(i: number): boolean {
    return ((this.flagCol[i] ?? 0) & IMPLICIT) !== 0;
  }
  hasHash(i: number): boolean {
    return ((this.flagCol[i] ?? 0) & HASHED) !== 0;
  }
  mode(i: number): number {
    return this.modeCol[i] ?? 0;
  }
  uid(i: number): number {
    return this.uidCol[i] ?? 0;
  }
  gid(i: number): number {
    return this.gidCol[i] ?? 0;
  }
  size(i: number): number {
    return this.sizeCol[i] ?? 0;
  }
  /** storedSize is the bytes the layer stores for row `i`: its size, or a sparse file's data regions. */
  storedSize(i: number): number {
    return this.storedSizes.get(i) ?? this.size(i);
  }
  mtime(i: number): number {
    return this.mtimeCol[i] ?? 0;
  }
  linkTarget(i: number): string | undefined {
    return this.linkTargets.get(i);
  }
  /** xattrKey returns the canonical form of the entry's xattrs (compare with ===), or undefined. */
  xattrsKey(i: number): string | undefined {
    return this.xattrCol.get(i);
  }
  /** xattrs decodes the entry's xattrs, values as base64. */
  xattrs(i: number): Record<string, string> | undefined {
    const key = this.xattrCol.get(i);
    return key === undefined
      ? undefined
      : (Object.fromEntries(JSON.parse(key) as [string, string][]) as Record<string, string>);
  }
  /** contentHash returns the `sha256:` digest of a file's content, when the reader hashed it. */
  contentHash(i: number): Digest | undefined {
    if (!this.hasHash(i)) return undefined;
    return `sha256:${this.hashCol.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES)}` as Digest;
  }
  /** hashKey returns the raw 32 hash bytes as a short latin1 string (a cheap Map key), or undefined. */
  hashKey(i: number): string | undefined {
    if (!this.hasHash(i)) return undefined;
    return this.hashCol.toString('latin1', i * HASH_BYTES, (i + 1) * HASH_BYTES);
  }

  private xattrKey(x: Record<string, Buffer>): string {
    const pairs = Object.keys(x)
      .sort()
      .map((k) => [k, (x[k] as Buffer).toString('base64')]);
    const key = JSON.stringify(pairs);
    const pooled = this.xattrPool.get(key);
    if (pooled !== undefined) return pooled;
    this.xattrPool.set(key, key);
    return key;
  }

  private row(pathId: number, type: number): number {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.pathCol[i] = pathId;
    this.typeCol[i] = type;
    return i;
  }

  private grow(): void {
    const cap = Math.max(64, this.cap * 2);
    const n = this.count;
    this.pathCol = regrow(this.pathCol, cap, n);
    this.typeCol = regrow(this.typeCol, cap, n);
    this.flagCol = regrow(this.flagCol, cap, n);
    this.modeCol = regrow(this.modeCol, cap, n);
    this.uidCol = regrow(this.uidCol, cap, n);
    this.gidCol = regrow(this.gidCol, cap, n);
    this.sizeCol = regrow(this.sizeCol, cap, n);
    this.mtimeCol = regrow(this.mtimeCol, cap, n);
    const hashCol = Buffer.alloc(cap * HASH_BYTES);
    this.hashCol.copy(hashCol, 0, 0, n * HASH_BYTES);
    this.hashCol = hashCol;
    this.cap = cap;
  }
}

/** tableFromEntries reads a stream (or array) of entries into a LayerTable. */
export async function tableFromEntries(
  entries: AsyncIterable<LayerEntry> | Iterable<LayerEntry>,
  layer: number,
  trie: PathTrie,
  xattrPool?: Map<string, string>,
): Promise<LayerTable> {
  const table = new LayerTable(layer, trie, xattrPool);
  for await (const e of entries) table.add(e);
  return table;
}
