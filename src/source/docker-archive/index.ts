/**
 * The `docker-archive:FILE[:repo:tag|:tag|:@N]` source: `docker save` output in any of its three
 * shapes (legacy `<id>/layer.tar`; skopeo/buildah `<diffid>.tar` with symlinks; Docker ≥ 25's OCI
 * layout), all read through manifest.json.
 */
import { StowageError } from '../../model/errors.js';
import { parseManifestOrIndex } from '../../model/manifest.js';
import { readAll } from '../blob-store.js';
import type { ImageRoot } from '../blob-image.js';
import { formatReference, type PathReference } from '../reference.js';
import { TarArchive } from '../tar-archive.js';
import { parseManifestJson, selectSaved } from './manifest-json.js';
import { synthesizeManifest } from './synthesize.js';

/** openDockerArchive resolves a reference into a docker save archive; pass `archive` if already scanned. */
export async function openDockerArchive(ref: PathReference, archive?: TarArchive): Promise<ImageRoot> {
  if (ref.digest !== undefined) {
    throw new StowageError('INVALID_REFERENCE', 'docker-archive: references take a tag or @N, not a digest', {
      where: { file: ref.path },
    });
  }
  const tar = archive ?? (await TarArchive.scan(ref.path));
  if (!(await tar.exists('manifest.json'))) {
    throw new StowageError('NOT_AN_IMAGE', 'not a docker save archive: there is no manifest.json', {
      where: { file: tar.describe() },
      hint: (await tar.exists('index.json'))
        ? 'it holds an OCI layout: read it with oci-archive:'
        : undefined,
    });
  }
  const where = { file: tar.describe('manifest.json') };
  const images = parseManifestJson(
    await readAll(tar.open('manifest.json'), 'manifestBytes', 'manifest.json', where),
    where,
  );
  const image = selectSaved(images, ref.tag, ref.path);
  const { manifest, store } = await synthesizeManifest(tar, image);
  const document = parseManifestOrIndex(manifest, 'synthesized manifest', { file: tar.describe() });
  const imageRef = {
    source: 'docker-archive' as const,
    location: ref.path,
    display: formatReference('docker-archive', ref),
    ...(ref.tag !== undefined ? { tag: ref.tag } : {}),
  };
  return { store, document, ref: imageRef };
}
