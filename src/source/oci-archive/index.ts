/**
 * The `oci-archive:FILE[:tag]` source: a tar holding an OCI image layout, read in place.
 */
import type { ImageRoot } from '../blob-image.js';
import { layoutRoot } from '../oci-layout/layout-root.js';
import type { PathReference } from '../reference.js';
import { TarArchive } from '../tar-archive.js';

/** openOciArchive resolves a reference into an OCI archive; pass `archive` if already scanned. */
export async function openOciArchive(ref: PathReference, archive?: TarArchive): Promise<ImageRoot> {
  return layoutRoot(archive ?? (await TarArchive.scan(ref.path)), ref, 'oci-archive');
}
