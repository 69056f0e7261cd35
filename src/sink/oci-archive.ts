/**
 * Writing an image as an OCI archive: the same files as an OCI layout (blobs verbatim, index.json
 * with the tag, oci-layout) streamed into one tar, written atomically.
 */
import type { Image } from '../model/image.js';
import type { TarWriteEntry } from '../tar/writer.js';
import { writeTar } from '../tar/writer.js';
import { writeFileAtomic } from './atomic-file.js';
import { imageBlobs, manifestBlob } from './image-blobs.js';
import { blobPath, indexEntry, OCI_LAYOUT_FILE } from './oci-layout.js';
import { MediaTypes } from '../model/media-types.js';

/** writeOciArchive writes `image` to `file` as an OCI archive holding it under `tag`. */
export async function writeOciArchive(image: Image, file: string, tag?: string): Promise<void> {
  const blobs = await imageBlobs(image);
  const manifest = manifestBlob(blobs).descriptor;
  const index = { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests: [indexEntry(manifest, tag)] };
  async function* entries(): AsyncGenerator<TarWriteEntry> {
    yield { path: 'oci-layout', type: 'file', body: Buffer.from(OCI_LAYOUT_FILE) };
    yield { path: 'index.json', type: 'file', body: Buffer.from(JSON.stringify(index)) };
    yield { path: 'blobs', type: 'dir' };
    yield { path: 'blobs/sha256', type: 'dir' };
    for (const b of blobs) {
      yield { path: blobPath(b.descriptor), type: 'file', size: b.descriptor.size, body: b.body() };
    }
  }
  await writeFileAtomic(file, writeTar(entries()));
}
