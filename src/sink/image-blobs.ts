/**
 * The blobs a single-platform image is made of, in the order writers store them: layers (verified
 * against their digests while streamed), the config, the manifest. Repeated layers appear once.
 */
import type { Descriptor } from '../model/descriptor.js';
import type { Image } from '../model/image.js';
import { MediaTypes } from '../model/media-types.js';

/** ImageBlob is one blob to write: its descriptor and a way to stream its bytes. */
export interface ImageBlob {
  descriptor: Descriptor;
  role: 'layer' | 'config' | 'manifest';
  body(): AsyncIterable<Buffer>;
}

/** imageBlobs lists the blobs of `image`: layers, config, then the manifest. */
export async function imageBlobs(image: Image): Promise<ImageBlob[]> {
  const manifest = await image.manifest();
  const out: ImageBlob[] = [];
  const seen = new Set<string>();
  for (const layer of await image.layers()) {
    if (seen.has(layer.digest)) continue;
    seen.add(layer.digest);
    out.push({ descriptor: layer.descriptor, role: 'layer', body: () => layer.compressed() });
  }
  const rawConfig = Buffer.from(await image.rawConfig());
  out.push({ descriptor: manifest.config, role: 'config', body: () => once(rawConfig) });
  const rawManifest = Buffer.from(await image.rawManifest());
  out.push({ descriptor: await manifestDescriptor(image), role: 'manifest', body: () => once(rawManifest) });
  return out;
}

/** manifestDescriptor describes the image's manifest as an index entry would. */
export async function manifestDescriptor(image: Image): Promise<Descriptor> {
  const manifest = await image.manifest();
  return {
    mediaType: manifest.mediaType || MediaTypes.ociManifest,
    digest: await image.manifestDigest(),
    size: (await image.rawManifest()).length,
  };
}

/** manifestBlob returns the manifest's entry of an imageBlobs list. */
export function manifestBlob(blobs: ImageBlob[]): ImageBlob {
  const m = blobs.find((b) => b.role === 'manifest');
  if (m === undefined) throw new Error('imageBlobs always lists the manifest');
  return m;
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}
