/**
 * The `oci:DIR[:tag|@digest]` source: an OCI image layout directory.
 */
import { stat } from 'node:fs/promises';
import { StowageError } from '../../model/errors.js';
import type { ImageRoot } from '../blob-image.js';
import { dirFileSet } from '../dir-file-set.js';
import { fsError } from '../file-stream.js';
import type { PathReference } from '../reference.js';
import { layoutRoot } from './layout-root.js';

/** openOciLayout resolves a reference into an OCI layout directory. */
export async function openOciLayout(ref: PathReference): Promise<ImageRoot> {
  let isDir: boolean;
  try {
    isDir = (await stat(ref.path)).isDirectory();
  } catch (e) {
    throw fsError(e, ref.path);
  }
  if (!isDir) {
    throw new StowageError('NOT_AN_IMAGE', 'oci: needs a directory, this is a file', {
      where: { file: ref.path },
      hint: 'read a tar file with oci-archive: or docker-archive:',
    });
  }
  return layoutRoot(dirFileSet(ref.path), ref, 'oci');
}
