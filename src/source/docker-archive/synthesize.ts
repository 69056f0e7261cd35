/**
 * Building a Docker v2 schema 2 manifest for one image of a `docker save` archive, as skopeo does:
 * the config digest is the hash of the config file; an uncompressed layer file's digest is its
 * diff_id (checked while read) and its size the file size. Unlike skopeo, a compressed layer file
 * is served as it is, under the hash of its bytes. Key order is fixed, so the bytes (and the
 * manifest digest) are deterministic and match skopeo's for uncompressed layers.
 */
import { peekBytes } from '../../compress/peek.js';
import { sniffPeeked } from '../../compress/decompress.js';
import { SNIFF_BYTES } from '../../compress/sniff.js';
import { parseImageConfig } from '../../model/config.js';
import type { Descriptor } from '../../model/descriptor.js';
import { digestOf, newHash, type Digest } from '../../model/digest.js';
import { StowageError } from '../../model/errors.js';
import { MediaTypes } from '../../model/media-types.js';
import { readAll, type BlobStore } from '../blob-store.js';
import type { TarArchive } from '../tar-archive.js';
import type { SavedImage } from './manifest-json.js';

/** Synthesized is the manifest bytes plus a store that serves its blobs from the archive. */
export interface Synthesized {
  manifest: Buffer;
  store: BlobStore;
}

const LAYER_TYPE = {
  none: MediaTypes.dockerLayerGzip, // what skopeo writes for every docker-archive layer
  gzip: MediaTypes.dockerLayerGzip,
  zstd: MediaTypes.ociLayerZstd,
} as const;

/** synthesizeManifest makes the manifest of `image` and the store serving its blobs. */
export async function synthesizeManifest(archive: TarArchive, image: SavedImage): Promise<Synthesized> {
  const members = new Map<Digest, string>();
  const configWhere = { file: archive.describe(image.config) };
  const config = await readAll(archive.open(image.config), 'configBytes', 'config', configWhere);
  const configDigest = digestOf(config);
  members.set(configDigest, image.config);
  const diffIds = parseImageConfig(config, `config ${image.config}`, configWhere).rootfs.diff_ids;
  if (diffIds.length !== image.layers.length) {
    throw new StowageError(
      'INVALID_MANIFEST',
      `manifest.json lists ${image.layers.length} layers but the config has ${diffIds.length} diff_ids`,
      { where: configWhere, hint: 'the archive is inconsistent; save it again' },
    );
  }
  const layers: Descriptor[] = [];
  for (const [i, name] of image.layers.entries()) {
    const diffId = diffIds[i] as Digest;
    const d = await layerDescriptor(archive, name, diffId, image.layerSources[diffId]);
    members.set(d.digest, name);
    layers.push(d);
  }
  const doc = {
    schemaVersion: 2,
    mediaType: MediaTypes.dockerManifest,
    config: { mediaType: MediaTypes.dockerConfig, size: config.length, digest: configDigest },
    layers: layers.map((d) => ({
      mediaType: d.mediaType,
      size: d.size,
      digest: d.digest,
      ...(d.urls !== undefined ? { urls: d.urls } : {}),
    })),
  };
  const store: BlobStore = {
    describe: (desc) => {
      const m = desc && members.get(desc.digest);
      return m === undefined ? archive.describe() : archive.describe(m);
    },
    open: (desc) => archive.open(members.get(desc.digest) ?? desc.digest),
  };
  return { manifest: Buffer.from(JSON.stringify(doc)), store };
}

async function layerDescriptor(
  archive: TarArchive,
  name: string,
  diffId: Digest,
  foreign: Descriptor | undefined,
): Promise<Descriptor> {
  const size = archive.memberSize(name);
  if (size === undefined) {
    // docker save leaves foreign layers out and records where they come from.
    if (foreign !== undefined) return foreign;
    throw new StowageError('NOT_FOUND', `layer file ${name} is missing from the archive`, {
      where: { file: archive.describe(), layer: diffId },
      hint: 'the archive is incomplete; save it again',
    });
  }
  const where = { file: archive.describe(name), layer: diffId };
  const peeked = await peekBytes(archive.open(name), SNIFF_BYTES);
  const compression = await sniffPeeked(peeked, where);
  const { stream } = peeked;
  if (compression === 'none') {
    await stream.return(undefined);
    return { mediaType: LAYER_TYPE.none, size, digest: diffId };
  }
  const hash = newHash();
  for await (const chunk of stream) hash.update(chunk);
  return { mediaType: LAYER_TYPE[compression], size, digest: `sha256:${hash.digest('hex')}` as Digest };
}
