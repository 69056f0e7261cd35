/**
 * Layer-level comparison of two images: which layers they share (by compressed digest and by
 * uncompressed diff_id), the compressed bytes a host holding A must pull to get B, and a per-index
 * alignment of their layer lists.
 */
import type { Digest } from '../../model/digest.js';
import type { Image } from '../../model/image.js';

/** LayerFacts are the stored facts of one layer. */
export interface LayerFacts {
  index: number;
  digest: Digest;
  diffId: Digest;
  size: number;
  mediaType: string;
}

/** AlignedLayer compares position `index` of both layer lists. */
export interface AlignedLayer {
  index: number;
  a?: LayerFacts;
  b?: LayerFacts;
  /** same blob (digest), same content stored differently (diff_id), different, or present in one */
  match: 'same-digest' | 'same-diff-id' | 'different' | 'only-a' | 'only-b';
}

/** LayerDiff is the layer-level comparison. */
export interface LayerDiff {
  sharedByDigest: Digest[];
  /** diff_ids both images hold (a superset of the layers shared by digest) */
  sharedByDiffId: Digest[];
  /** length of the common prefix of diff_ids: the base both images are built on */
  commonBaseLayers: number;
  /** compressed bytes of B's layers whose blob A does not have */
  bytesToPull: number;
  layersToPull: number;
  alignment: AlignedLayer[];
}

/** layerFacts lists an image's layers with their diff_ids. */
export async function layerFacts(image: Image): Promise<LayerFacts[]> {
  const out: LayerFacts[] = [];
  for (const l of await image.layers()) {
    out.push({
      index: l.index,
      digest: l.digest,
      diffId: await l.diffId(),
      size: l.size,
      mediaType: l.mediaType,
    });
  }
  return out;
}

/** diffLayers compares two layer lists. */
export function diffLayers(a: readonly LayerFacts[], b: readonly LayerFacts[]): LayerDiff {
  const aDigests = new Set(a.map((l) => l.digest));
  const aDiffIds = new Set(a.map((l) => l.diffId));
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  const toPull = uniq(b.filter((l) => !aDigests.has(l.digest)).map((l) => l.digest));
  let commonBaseLayers = 0;
  while (
    commonBaseLayers < Math.min(a.length, b.length) &&
    a[commonBaseLayers]?.diffId === b[commonBaseLayers]?.diffId
  )
    commonBaseLayers++;
  const alignment: AlignedLayer[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const la = a[i];
    const lb = b[i];
    let match: AlignedLayer['match'];
    if (la === undefined) match = 'only-b';
    else if (lb === undefined) match = 'only-a';
    else if (la.digest === lb.digest) match = 'same-digest';
    else if (la.diffId === lb.diffId) match = 'same-diff-id';
    else match = 'different';
    const row: AlignedLayer = { index: i, match };
    if (la !== undefined) row.a = la;
    if (lb !== undefined) row.b = lb;
    alignment.push(row);
  }
  return {
    sharedByDigest: uniq(b.filter((l) => aDigests.has(l.digest)).map((l) => l.digest)),
    sharedByDiffId: uniq(b.filter((l) => aDiffIds.has(l.diffId)).map((l) => l.diffId)),
    commonBaseLayers,
    bytesToPull: toPull.reduce((n, d) => n + (b.find((l) => l.digest === d)?.size ?? 0), 0),
    layersToPull: toPull.length,
    alignment,
  };
}
