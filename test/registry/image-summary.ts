/**
 * What integration tests compare between two reads of an image: the manifest digest, the config's
 * diff_ids, and every layer's entries (path, type, size, mode, link target) in order.
 */
import type { Image } from '../../src/model/image.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openOciLayout } from '../../src/source/oci-layout/index.js';

/** ImageSummary is an image reduced to what two reads must agree on. */
export interface ImageSummary {
  manifestDigest: string;
  configDigest: string;
  diffIds: string[];
  layers: string[][];
}

/** summarize reads every layer of `image` (verifying both digests on the way). */
export async function summarize(image: Image): Promise<ImageSummary> {
  const manifest = await image.manifest();
  const layers: string[][] = [];
  for (const layer of await image.layers()) {
    const entries: string[] = [];
    for await (const e of layer.entries()) {
      entries.push(`${e.type} ${e.path} ${e.size} ${e.mode.toString(8)} ${e.linkTarget ?? ''}`);
    }
    layers.push(entries);
  }
  return {
    manifestDigest: await image.manifestDigest(),
    configDigest: manifest.config.digest,
    diffIds: (await image.config()).rootfs.diff_ids,
    layers,
  };
}

/** summarizeLayout summarises `dir:tag` of an OCI layout (the local oracle for what was pushed). */
export async function summarizeLayout(dir: string, tag: string): Promise<ImageSummary> {
  return summarize(blobImage(await openOciLayout({ path: dir, tag })));
}
