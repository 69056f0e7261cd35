/**
 * LayerStack: the result of stacking an image's layers — the merged tree, each layer's change set,
 * each path's history, and every regular-file version with what became of it (for exact waste).
 */
import type { Digest } from '../model/digest.js';
import { type Change, type ChangeSet, fieldNames, type PathEvent } from './change-set.js';
import type { EventLog, RecordedEvent } from './event-log.js';
import { type FileNode, materialiseNode } from './file-node.js';
import { FileTree } from './file-tree.js';
import type { KillLog, KillReason } from './kill-log.js';
import { type LayerTable, TYPE_FILE } from './layer-table.js';
import type { PathTrie } from './path-trie.js';
import { NO_VERSION, refLayer, versionRef } from './version-ref.js';
import type { Versions } from './versions.js';

/**
 * FileVersion is one regular-file entry of one layer (its bytes are in that layer's tar). `live` says
 * whether a visible path still shows these bytes (itself or a hard link to it); when not, `killedBy`
 * and `reason` say which layer removed it and how.
 */
export interface FileVersion {
  layer: number;
  path: string;
  /** bytes the layer stores for it (a sparse file's data regions: what a squash would remove) */
  size: number;
  contentHash?: Digest;
  live: boolean;
  killedBy?: number;
  reason?: KillReason;
}

/** LayerStack answers questions about stacked layers; build it with `stackLayers`. */
export class LayerStack {
  /** tree is the final merged filesystem */
  readonly tree: FileTree;

  constructor(
    readonly trie: PathTrie,
    private readonly versions: Versions,
    private readonly current: Float64Array,
    private readonly events: EventLog,
    private readonly kills: KillLog,
    /** warnings lists recoverable problems found while stacking */
    readonly warnings: readonly string[],
  ) {
    this.tree = new FileTree(trie, versions, current);
  }

  /** tables are the layers' entry tables, index = layer (implicit directories appended, flagged). */
  get tables(): readonly LayerTable[] {
    return this.versions.tables;
  }

  /** layerCount is the number of layers stacked. */
  get layerCount(): number {
    return this.versions.tables.length;
  }

  /** layerEntryCount returns how many tar entries layer `layer` held. */
  layerEntryCount(layer: number): number {
    return this.versions.tables[layer]?.entryCount ?? 0;
  }

  /** changeSet returns what layer `layer` changed relative to the layers below it. */
  changeSet(layer: number): ChangeSet {
    const set: ChangeSet = {
      layer,
      added: [],
      modified: [],
      deleted: [],
      addedBytes: 0,
      modifiedBytes: 0,
      deletedBytes: 0,
    };
    for (const ev of this.events.layerEvents(layer)) {
      const change = this.toChange(ev);
      if (ev.kind === 'added') {
        set.added.push(change);
        set.addedBytes += change.size;
      } else if (ev.kind === 'modified') {
        set.modified.push(change);
        set.modifiedBytes += change.size;
      } else {
        set.deleted.push(change);
        set.deletedBytes += change.size;
      }
    }
    return set;
  }

  /**
   * changeNodes yields layer `layer`'s changes in the order of `changeSet`, each with the node of the
   * version it added (added / modified) or removed (deleted / hidden) and the path's id in `trie`.
   */
  *changeNodes(layer: number): Generator<{ change: Change; node: FileNode; pathId: number }> {
    for (const ev of this.events.layerEvents(layer)) {
      const change = this.toChange(ev);
      const node = materialiseNode(this.versions, ev.ref, change.path, this.trie.name(ev.pathId));
      yield { change, node, pathId: ev.pathId };
    }
  }

  /** pathHistory returns every layer that added, modified, deleted or hid `path`, oldest first. */
  pathHistory(path: string): PathEvent[] {
    const id = this.trie.lookup(path);
    if (id === undefined) return [];
    return [...this.events.pathEvents(id)].map((ev) => {
      const { path: _path, previousLayer: _pl, previousSize: _ps, ...rest } = this.toChange(ev);
      return { layer: ev.layer, ...rest };
    });
  }

  /** fileVersions yields every regular-file entry of every layer, with its fate. */
  *fileVersions(): Generator<FileVersion> {
    const live = this.liveInodes();
    for (const t of this.versions.tables) {
      for (let row = 0; row < t.count; row++) {
        if (t.typeCode(row) !== TYPE_FILE || t.isWhiteout(row) || t.isOpaque(row)) continue;
        const ref = versionRef(t.layer, row);
        const v: FileVersion = {
          layer: t.layer,
          path: this.trie.path(t.pathId(row)),
          size: t.storedSize(row),
          live: live.has(ref),
        };
        const hash = t.contentHash(row);
        if (hash !== undefined) v.contentHash = hash;
        if (!v.live) {
          v.killedBy = this.kills.killer(t.layer, row);
          const reason = this.kills.reason(t.layer, row);
          if (reason !== undefined) v.reason = reason;
        }
        yield v;
      }
    }
  }

  /** liveInodes returns the file versions whose bytes a visible path shows. */
  private liveInodes(): Set<number> {
    const live = new Set<number>();
    for (let id = 1; id < this.current.length; id++) {
      const ref = this.current[id] ?? NO_VERSION;
      if (ref === NO_VERSION || this.versions.typeCode(ref) !== TYPE_FILE) continue;
      const inode = this.versions.inode(ref);
      if (inode !== NO_VERSION) live.add(inode);
    }
    return live;
  }

  private toChange(ev: RecordedEvent): Change {
    const v = this.versions;
    const change: Change = {
      path: this.trie.path(ev.pathId),
      kind: ev.kind,
      type: v.type(ev.ref),
      size: v.size(ev.ref),
    };
    if (ev.modification !== undefined) {
      change.modification = ev.modification;
      if (ev.modification === 'metadata') change.fields = fieldNames(ev.fieldMask);
      change.previousLayer = refLayer(ev.prevRef);
      change.previousSize = v.size(ev.prevRef);
    }
    return change;
  }
}
