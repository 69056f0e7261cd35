/**
 * Writing an image into an OCI image layout directory: blobs are copied verbatim (so every digest,
 * the manifest's included, is preserved), each written atomically and skipped when a regular file
 * with the same digest is already there; index.json is rewritten atomically, keeping the layout's
 * other entries and replacing only an entry with the same tag.
 */
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Descriptor } from '../model/descriptor.js';
import { digestAlgorithm, digestHex, newHash } from '../model/digest.js';
import { StowageError } from '../model/errors.js';
import type { Image } from '../model/image.js';
import { isObject, parseJson } from '../model/json.js';
import { MediaTypes } from '../model/media-types.js';
import { writeFileAtomic } from './atomic-file.js';
import { imageBlobs, manifestBlob } from './image-blobs.js';

/** REF_NAME is the annotation an OCI index uses for a tag. */
export const REF_NAME = 'org.opencontainers.image.ref.name';

/** OCI_LAYOUT_FILE is the content of the `oci-layout` marker file. */
export const OCI_LAYOUT_FILE = '{"imageLayoutVersion":"1.0.0"}';

/** blobPath is where a blob lives inside a layout: `blobs/<alg>/<hex>`. */
export function blobPath(d: Descriptor): string {
  return join('blobs', digestAlgorithm(d.digest), digestHex(d.digest));
}

/** indexEntry is the index.json entry for a manifest, tagged when a tag is given. */
export function indexEntry(manifest: Descriptor, tag: string | undefined): Descriptor {
  return tag === undefined ? manifest : { ...manifest, annotations: { [REF_NAME]: tag } };
}

/** writeOciLayout copies `image` into the layout at `dir` (created if absent) under `tag`. */
export async function writeOciLayout(image: Image, dir: string, tag?: string): Promise<Descriptor> {
  await mkdir(dir, { recursive: true });
  const blobs = await imageBlobs(image);
  for (const blob of blobs) {
    const file = join(dir, blobPath(blob.descriptor));
    if (await holdsBlob(file, blob.descriptor)) continue;
    await mkdir(join(file, '..'), { recursive: true });
    await writeFileAtomic(file, blob.body());
  }
  const manifest = manifestBlob(blobs).descriptor;
  const markerFile = join(dir, 'oci-layout');
  if ((await stat(markerFile).catch(() => undefined)) === undefined)
    await writeFileAtomic(markerFile, Buffer.from(OCI_LAYOUT_FILE));
  const indexFile = join(dir, 'index.json');
  const index = await readIndex(indexFile);
  const entry = indexEntry(manifest, tag);
  index.manifests = index.manifests.filter((m) =>
    tag === undefined
      ? m.digest !== manifest.digest || m.annotations?.[REF_NAME] !== undefined
      : m.annotations?.[REF_NAME] !== tag,
  );
  index.manifests.push(entry);
  await writeFileAtomic(indexFile, Buffer.from(JSON.stringify(index)));
  return entry;
}

/**
 * holdsBlob says whether `file` is a regular file with the descriptor's size and digest. A damaged
 * blob of the right size, or a FIFO, device or link in a blob's place, is not: it gets replaced.
 */
async function holdsBlob(file: string, desc: Descriptor): Promise<boolean> {
  const st = await lstat(file).catch(() => undefined);
  if (st === undefined || !st.isFile() || st.size !== desc.size) return false;
  const hash = newHash(digestAlgorithm(desc.digest));
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex') === digestHex(desc.digest);
}

interface IndexJson {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  [key: string]: unknown;
}

/** readIndex reads an existing index.json as plain JSON (unknown fields kept), or starts one. */
async function readIndex(file: string): Promise<IndexJson> {
  const st = await lstat(file).catch(() => undefined);
  if (st === undefined) return { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests: [] };
  if (!st.isFile()) {
    throw new StowageError('DESTINATION', 'the existing index.json is not a regular file', {
      where: { file },
      hint: 'the target directory is not an OCI layout; choose an empty or new directory',
    });
  }
  const raw = await readFile(file);
  const json = parseJson(raw, 'index.json', { file });
  if (!isObject(json) || !Array.isArray(json.manifests)) {
    throw new StowageError('INVALID_MANIFEST', 'the existing index.json has no manifests list', {
      where: { file },
      hint: 'the target directory is not an OCI layout; choose an empty or new directory',
    });
  }
  return json as unknown as IndexJson;
}
