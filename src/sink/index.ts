/**
 * Image writers for offline copies: an OCI layout, an OCI archive, a docker save archive, chosen
 * by a destination reference.
 */
import { dirname, resolve } from 'node:path';
import type { Image } from '../model/image.js';
import { checkDestination, destinationError } from './destination.js';
import { writeDockerArchive } from './docker-archive.js';
import { writeOciArchive } from './oci-archive.js';
import { writeOciLayout } from './oci-layout.js';
import { parseSinkReference, type SinkReference } from './sink-reference.js';

export { parseSinkReference, type SinkKind, type SinkReference } from './sink-reference.js';
export { writeDockerArchive } from './docker-archive.js';
export { writeOciArchive } from './oci-archive.js';
export { writeOciLayout } from './oci-layout.js';

/**
 * writeImage writes `image` to a destination such as `oci:DIR:tag` after checking it (no links,
 * FIFOs or devices; see destination.ts); returns the parsed destination.
 */
export async function writeImage(image: Image, destination: string | SinkReference): Promise<SinkReference> {
  const to = typeof destination === 'string' ? parseSinkReference(destination) : destination;
  await checkDestination(to);
  try {
    if (to.kind === 'oci') await writeOciLayout(image, to.path, to.name);
    else if (to.kind === 'oci-archive') await writeOciArchive(image, to.path, to.name);
    else await writeDockerArchive(image, to.path, to.name);
  } catch (e) {
    throw destinationError(e, to.kind === 'oci' ? to.path : dirname(resolve(to.path)));
  }
  return to;
}
