/**
 * spoolLayer: turns a stream of tar entries into a stored layer — tar bytes hashed for the diff_id,
 * compressed, hashed again for the digest and written to a spool file — and returns it as a Layer
 * that reads back from that file like any other source's layer.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Descriptor } from '../model/descriptor.js';
import { digestHex, newHash, type Digest } from '../model/digest.js';
import type { Layer } from '../model/image.js';
import { blobLayer } from '../source/blob-layer.js';
import type { BlobStore } from '../source/blob-store.js';
import type { TarWriteEntry } from '../tar/writer.js';
import { writeTar } from '../tar/writer.js';
import { compressor, layerMediaType, type LayerCompression } from './layer-compression.js';

/** SpooledLayer is a written layer and the sizes measured while writing it. */
export interface SpooledLayer {
  layer: Layer;
  /** bytes of the uncompressed tar */
  tarSize: number;
}

/** spoolStore serves blobs written into `dir` by spoolLayer. */
export function spoolStore(dir: string): BlobStore {
  return {
    describe: (desc) => (desc === undefined ? dir : join(dir, digestHex(desc.digest))),
    open: (desc) => createReadStream(join(dir, digestHex(desc.digest)), { highWaterMark: 1 << 20 }),
  };
}

function hashing(onDone: (digest: Digest, size: number) => void) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const hash = newHash();
    let size = 0;
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
    onDone(`sha256:${hash.digest('hex')}` as Digest, size);
  };
}

/** spoolLayer writes `entries` as layer `index`, compressed with `compression`, into `dir`. */
export async function spoolLayer(
  entries: AsyncIterable<TarWriteEntry>,
  index: number,
  compression: LayerCompression,
  dir: string,
): Promise<SpooledLayer> {
  let diffId = '' as Digest;
  let tarSize = 0;
  let digest = '' as Digest;
  let size = 0;
  const tmp = join(dir, `layer-${index}.partial`);
  await pipeline(
    Readable.from(writeTar(entries)),
    hashing((d, n) => ((diffId = d), (tarSize = n))),
    compressor(compression),
    hashing((d, n) => ((digest = d), (size = n))),
    createWriteStream(tmp, { highWaterMark: 1 << 20 }),
  );
  await rename(tmp, join(dir, digestHex(digest)));
  const desc: Descriptor = { mediaType: layerMediaType(compression), digest, size };
  return { layer: blobLayer(spoolStore(dir), desc, index, diffId), tarSize };
}
