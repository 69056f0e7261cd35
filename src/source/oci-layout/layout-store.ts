/**
 * The BlobStore of an OCI image layout: blob `alg:hex` lives at `blobs/<alg>/<hex>`, in a
 * directory or an archive alike.
 */
import type { Descriptor } from '../../model/descriptor.js';
import { digestAlgorithm, digestHex, type Digest } from '../../model/digest.js';
import type { BlobStore } from '../blob-store.js';
import type { FileSet } from '../file-set.js';

/** blobPath is where a layout keeps a blob. */
export function blobPath(digest: Digest): string {
  return `blobs/${digestAlgorithm(digest)}/${digestHex(digest)}`;
}

/** layoutStore serves a layout's blobs from a FileSet. */
export function layoutStore(files: FileSet): BlobStore {
  return {
    describe: (desc?: Descriptor) =>
      desc === undefined ? files.describe() : files.describe(blobPath(desc.digest)),
    open: (desc: Descriptor) => files.open(blobPath(desc.digest)),
  };
}
