/**
 * derivedImage: an Image made of given layers and a config, with an OCI manifest built for them —
 * what every transform returns. Reused layers keep their bytes and digests; Docker media types are
 * renamed to their OCI equivalents so the manifest is one format.
 */
import type { Descriptor } from '../model/descriptor.js';
import { digestOf } from '../model/digest.js';
import type { Image, Layer } from '../model/image.js';
import { parseManifest } from '../model/manifest.js';
import { MediaTypes } from '../model/media-types.js';
import { parseImageConfig } from '../model/config.js';

const OCI_LAYER_TYPE: Record<string, string> = {
  [MediaTypes.dockerLayerGzip]: MediaTypes.ociLayerGzip,
  [MediaTypes.dockerLayerTar]: MediaTypes.ociLayer,
  [MediaTypes.dockerLayerForeignGzip]: MediaTypes.ociLayerNondistributableGzip,
};

/** placeLayer returns `layer` as layer `index` of a new image, with an OCI media type. */
export function placeLayer(layer: Layer, index: number): Layer {
  const mediaType = OCI_LAYER_TYPE[layer.mediaType] ?? layer.mediaType;
  const descriptor: Descriptor = { ...layer.descriptor, mediaType };
  return {
    index,
    descriptor,
    digest: layer.digest,
    size: layer.size,
    mediaType,
    ...(layer.where !== undefined ? { where: layer.where } : {}),
    diffId: () => layer.diffId(),
    compressed: () => layer.compressed(),
    uncompressed: () => layer.uncompressed(),
    entries: (opts) => layer.entries(opts),
    items: (opts) => layer.items(opts),
  };
}

/** derivedImage assembles an image from `layers` (already placed) and raw config bytes. */
export async function derivedImage(source: Image, layers: Layer[], rawConfig: Uint8Array): Promise<Image> {
  const config = parseImageConfig(rawConfig, 'derived image config');
  const configDesc: Descriptor = {
    mediaType: MediaTypes.ociConfig,
    digest: digestOf(rawConfig),
    size: rawConfig.length,
  };
  const annotations = (await source.manifest()).annotations;
  const doc = {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: configDesc,
    layers: layers.map((l) => l.descriptor),
    ...(annotations !== undefined ? { annotations } : {}),
  };
  const rawManifest = Buffer.from(JSON.stringify(doc));
  const manifest = parseManifest(rawManifest, 'derived image manifest');
  const manifestDigest = digestOf(rawManifest);
  const platform = await source.platform();
  const ref = source.ref();
  return {
    ref: () => ({ ...ref, display: `${ref.display} (rewritten)`, digest: manifestDigest }),
    manifestDigest: () => Promise.resolve(manifestDigest),
    manifest: () => Promise.resolve(manifest),
    rawManifest: () => Promise.resolve(rawManifest),
    config: () => Promise.resolve(config),
    rawConfig: () => Promise.resolve(rawConfig),
    layers: () => Promise.resolve(layers),
    index: () => Promise.resolve(undefined),
    platform: () => Promise.resolve(platform),
  };
}
