/**
 * One pass over a layer that yields its uncompressed size and entry count: the uncompressed stream
 * is read once, counted, and fed to the tar reader; whatever the reader leaves (end-of-archive
 * padding) is drained, so the stream's diff_id check always completes.
 */
import type { Layer } from '../model/image.js';
import { isStowageError, withWhere } from '../model/errors.js';
import { readTar } from '../tar/reader.js';

/** LayerMeasure is what one pass over a layer's uncompressed stream finds. */
export interface LayerMeasure {
  /** bytes of the uncompressed tar stream */
  uncompressedSize: number;
  /** tar entries (whiteout markers included; PAX and GNU long-name headers not) */
  entries: number;
}

/** measureLayer reads a layer once and counts its uncompressed bytes and its entries. */
export async function measureLayer(layer: Layer): Promise<LayerMeasure> {
  const where = layer.where ?? { layer: layer.digest, layerIndex: layer.index };
  const source = layer.uncompressed()[Symbol.asyncIterator]();
  let bytes = 0;
  let finished = false;
  const pull = async (): Promise<IteratorResult<Buffer>> => {
    const r = await source.next();
    if (r.done === true) finished = true;
    else bytes += r.value.length;
    return r;
  };
  // The reader may stop early (at the end-of-archive blocks); its return() must not close the
  // source, which is drained below instead.
  const counted: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({
      next: pull,
      return: (): Promise<IteratorResult<Buffer>> => Promise.resolve({ done: true, value: undefined }),
    }),
  };
  let entries = 0;
  try {
    for await (const _item of readTar(counted, { where })) entries++;
    while (!finished) await pull();
  } catch (e) {
    await source.return?.();
    throw isStowageError(e) && e.where.layerIndex !== undefined ? e : withWhere(e, where);
  }
  return { uncompressedSize: bytes, entries };
}
