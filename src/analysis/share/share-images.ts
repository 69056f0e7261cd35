/**
 * shareImages: how a set of images shares layers. A registry stores each blob once (by digest); a
 * host stores each unpacked layer once per chain (by ChainID: the diff_id with everything below it).
 * Totals are what the images would take if nothing were shared; unique is what is actually stored;
 * the difference is what sharing saves. Uncompressed sizes are measured by reading each distinct
 * layer once.
 */
import type { Digest } from '../../model/digest.js';
import type { Image, Layer } from '../../model/image.js';
import { chainIds } from './chain-id.js';

/** SharedLayer is one distinct layer blob and the images using it. */
export interface SharedLayer {
  digest: Digest;
  diffId: Digest;
  size: number;
  uncompressedSize: number;
  /** indexes into the image list */
  images: number[];
}

/** ImageShare is one image's part of the set. */
export interface ImageShare {
  reference: string;
  manifestDigest: Digest;
  layers: number;
  compressedBytes: number;
  uncompressedBytes: number;
  /** compressed bytes of layers no other image uses */
  uniqueCompressedBytes: number;
  /** compressed bytes of layers at least one other image uses */
  sharedCompressedBytes: number;
}

/** ShareTotals compares storage with and without sharing. */
export interface ShareTotals {
  /** Σ over images of their layers, as if nothing were shared */
  total: number;
  /** what is stored once */
  unique: number;
  saved: number;
}

/** ShareReport is the sharing analysis of a set of images. */
export interface ShareAnalysis {
  images: ImageShare[];
  layers: SharedLayer[];
  /** registry: blobs by digest (compressed) */
  registry: ShareTotals;
  /** host: unpacked layers by ChainID (uncompressed) */
  host: ShareTotals;
}

/** measureUncompressed counts a layer's uncompressed tar bytes (verified against its diff_id). */
async function measureUncompressed(layer: Layer): Promise<number> {
  let n = 0;
  for await (const chunk of layer.uncompressed()) n += chunk.length;
  return n;
}

/** shareImages analyses `images`; `references` name them in the report. */
export async function shareImages(
  images: readonly Image[],
  references: readonly string[],
): Promise<ShareAnalysis> {
  const byDigest = new Map<string, SharedLayer>();
  const perImage: { layers: Layer[]; diffIds: Digest[] }[] = [];
  for (const [i, img] of images.entries()) {
    const layers = await img.layers();
    const diffIds: Digest[] = [];
    for (const l of layers) {
      const diffId = await l.diffId();
      diffIds.push(diffId);
      let s = byDigest.get(l.digest);
      if (s === undefined) {
        s = {
          digest: l.digest,
          diffId,
          size: l.size,
          uncompressedSize: await measureUncompressed(l),
          images: [],
        };
        byDigest.set(l.digest, s);
      }
      if (!s.images.includes(i)) s.images.push(i);
    }
    perImage.push({ layers, diffIds });
  }
  const hostChains = new Map<string, number>();
  let hostTotal = 0;
  const out: ImageShare[] = [];
  for (const [i, img] of images.entries()) {
    const { layers, diffIds } = perImage[i] as { layers: Layer[]; diffIds: Digest[] };
    const chains = chainIds(diffIds);
    const share: ImageShare = {
      reference: references[i] ?? img.ref().display,
      manifestDigest: await img.manifestDigest(),
      layers: layers.length,
      compressedBytes: 0,
      uncompressedBytes: 0,
      uniqueCompressedBytes: 0,
      sharedCompressedBytes: 0,
    };
    for (const [k, l] of layers.entries()) {
      const s = byDigest.get(l.digest) as SharedLayer;
      share.compressedBytes += l.size;
      share.uncompressedBytes += s.uncompressedSize;
      if (s.images.length > 1) share.sharedCompressedBytes += l.size;
      else share.uniqueCompressedBytes += l.size;
      hostTotal += s.uncompressedSize;
      hostChains.set(chains[k] as string, s.uncompressedSize);
    }
    out.push(share);
  }
  const registryUnique = [...byDigest.values()].reduce((n, s) => n + s.size, 0);
  const registryTotal = out.reduce((n, s) => n + s.compressedBytes, 0);
  const hostUnique = [...hostChains.values()].reduce((n, v) => n + v, 0);
  return {
    images: out,
    layers: [...byDigest.values()],
    registry: { total: registryTotal, unique: registryUnique, saved: registryTotal - registryUnique },
    host: { total: hostTotal, unique: hostUnique, saved: hostTotal - hostUnique },
  };
}
