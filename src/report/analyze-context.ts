/**
 * ImageFacts: what every layer-level report needs about an image besides its stacked layers — the
 * reference, manifest digest, each layer's digest, diff_id, blob size and the history step
 * (`created_by`) that made it. Reading these touches only the manifest and config, never a layer.
 */
import { alignHistory, type ImageConfig } from '../model/config.js';
import type { Image } from '../model/image.js';
import type { Manifest } from '../model/manifest.js';
import { formatPlatform } from '../model/platform.js';

/** LayerFacts describes one layer without reading it. */
export interface LayerFacts {
  index: number;
  digest: string;
  diffId: string;
  /** blob bytes as stored */
  compressedSize: number;
  mediaType: string;
  /** `created_by` of the aligned history entry, or null */
  createdBy: string | null;
}

/** ImageFacts is the image-level part of every layer report. */
export interface ImageFacts {
  reference: string;
  manifestDigest: string;
  mediaType: string;
  platform: string;
  manifest: Manifest;
  config: ImageConfig;
  layers: LayerFacts[];
}

/** readImageFacts reads the manifest and config of `image` and aligns history with layers. */
export async function readImageFacts(image: Image): Promise<ImageFacts> {
  const [manifest, manifestDigest, config, layers, platform] = await Promise.all([
    image.manifest(),
    image.manifestDigest(),
    image.config(),
    image.layers(),
    image.platform(),
  ]);
  const createdBy = new Map<number, string | null>();
  for (const s of alignHistory(config, layers.length))
    if (s.layerIndex !== undefined) createdBy.set(s.layerIndex, s.entry.created_by ?? null);
  return {
    reference: image.ref().display,
    manifestDigest,
    mediaType: manifest.mediaType,
    platform: formatPlatform(platform),
    manifest,
    config,
    layers: await Promise.all(
      layers.map(async (l, i) => ({
        index: i,
        digest: l.digest,
        diffId: await l.diffId(),
        compressedSize: l.size,
        mediaType: l.mediaType,
        createdBy: createdBy.get(i) ?? null,
      })),
    ),
  };
}
