/**
 * rewriteEntries: the tar entries of one output layer, streamed from its source layers in order and
 * filtered by the plan. Kept entries keep their own metadata; a materialised hard link takes the
 * metadata and bytes of the version it showed, read again from that version's layer.
 */
import { refLayer, refRow } from '../filetree/version-ref.js';
import { StowageError } from '../model/errors.js';
import type { Layer } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';
import type { TarWriteEntry } from '../tar/writer.js';
import type { LayerPlan } from './rewrite-plan.js';

/** toWriteEntry copies an entry's metadata into a tar writer entry at `path`. */
function toWriteEntry(e: LayerEntry, path: string): TarWriteEntry {
  const out: TarWriteEntry = { path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime };
  if (e.uname !== undefined) out.uname = e.uname;
  if (e.gname !== undefined) out.gname = e.gname;
  if (e.linkTarget !== undefined) out.linkTarget = e.linkTarget;
  if (e.type === 'char' || e.type === 'block') {
    out.devMajor = e.devMajor ?? 0;
    out.devMinor = e.devMinor ?? 0;
  }
  if (e.xattrs !== undefined && Object.keys(e.xattrs).length > 0) out.xattrs = e.xattrs;
  return out;
}

/** materialise writes the file version `ref` at `path`, read again from its layer. */
async function* materialise(
  layers: readonly Layer[],
  ref: number,
  path: string,
): AsyncGenerator<TarWriteEntry> {
  const layer = layers[refLayer(ref)];
  const wanted = refRow(ref);
  let ordinal = 0;
  if (layer !== undefined) {
    for await (const item of layer.items()) {
      if (ordinal++ !== wanted) continue;
      yield { ...toWriteEntry(item.entry, path), type: 'file', size: item.entry.size, body: item.body() };
      return;
    }
  }
  throw new StowageError(
    'INTERNAL',
    `hard link ${path} points at entry ${wanted} of layer ${refLayer(ref)}, which is missing`,
    {
      where: { path, layerIndex: refLayer(ref) },
      hint: 'the layer changed while it was being rewritten; run the command again',
    },
  );
}

/** rewriteEntries yields the kept entries of `sources` (layer indexes, in order). */
export async function* rewriteEntries(
  layers: readonly Layer[],
  plans: readonly LayerPlan[],
  sources: readonly number[],
): AsyncGenerator<TarWriteEntry> {
  for (const i of sources) {
    const plan = plans[i];
    const layer = layers[i];
    if (plan === undefined || layer === undefined) continue;
    let row = 0;
    for await (const item of layer.items()) {
      const r = row++;
      if (plan.keep[r] !== 1) continue;
      const e = item.entry;
      const fix = plan.fixups.get(r);
      if (fix?.kind === 'materialise') {
        yield* materialise(layers, fix.from, e.path);
        continue;
      }
      const out = toWriteEntry(e, e.whiteout === undefined ? e.path : e.rawPath.replace(/^\.?\/+/, ''));
      if (fix?.kind === 'relink') out.linkTarget = fix.target;
      if (e.type === 'file' && e.whiteout === undefined) {
        out.size = e.size;
        out.body = item.body();
      }
      yield out;
    }
  }
}
