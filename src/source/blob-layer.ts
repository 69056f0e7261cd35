/**
 * The one Layer implementation over a BlobStore: compressed bytes verified against the digest,
 * uncompressed bytes (compression sniffed) verified against the diff_id, tar entries on top.
 */
import { decompressVerified } from '../compress/verified.js';
import { verifyDigest } from '../compress/verify.js';
import { readTarEntries } from '../tar/entries.js';
import { readTar } from '../tar/reader.js';
import type { Descriptor } from '../model/descriptor.js';
import type { Digest } from '../model/digest.js';
import { StowageError, withWhere, type ErrorWhere } from '../model/errors.js';
import type { EntryOptions, Layer, LayerItem } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';
import { isForeignLayer, isKnownLayerType } from '../model/media-types.js';
import type { BlobStore } from './blob-store.js';

/** blobLayer makes layer `index` of an image from its descriptor and its config diff_id. */
export function blobLayer(store: BlobStore, desc: Descriptor, index: number, diffId: Digest): Layer {
  const where: ErrorWhere = { file: store.describe(desc), layer: desc.digest, layerIndex: index };

  async function* stored(): AsyncGenerator<Buffer> {
    try {
      yield* store.open(desc);
    } catch (e) {
      if (!isForeignLayer(desc.mediaType) || !(e instanceof StowageError) || e.code !== 'NOT_FOUND') {
        throw withWhere(e, where);
      }
      const urls = desc.urls?.join(', ');
      throw new StowageError(
        'NOT_FOUND',
        `foreign layer ${desc.digest} is not stored in ${store.describe()}`,
        {
          where,
          hint:
            urls !== undefined
              ? `it is distributed from ${urls}; stowage does not fetch foreign layers`
              : 'foreign (non-distributable) layers are left out of copies; read the image where the layer exists',
          cause: e,
        },
      );
    }
  }

  function compressed(): AsyncGenerator<Buffer> {
    return verifyDigest(stored(), desc.digest, { kind: 'digest', expectedSize: desc.size, where });
  }

  async function* uncompressed(): AsyncGenerator<Buffer> {
    if (!isKnownLayerType(desc.mediaType)) {
      throw new StowageError(
        'UNSUPPORTED_MEDIA_TYPE',
        `layer media type "${desc.mediaType}" is not a known layer type`,
        {
          where,
          hint: 'stowage reads OCI and Docker tar layers (plain, gzip, zstd); this may be an artifact, not an image',
        },
      );
    }
    yield* decompressVerified(stored(), {
      digest: desc.digest,
      size: desc.size,
      diffId,
      mediaType: desc.mediaType,
      where,
    });
  }

  function items(opts: EntryOptions = {}): AsyncIterable<LayerItem> {
    return readTar(uncompressed(), { ...opts, where });
  }

  function entries(opts: EntryOptions = {}): AsyncIterable<LayerEntry> {
    return readTarEntries(uncompressed(), { ...opts, where });
  }

  return {
    index,
    descriptor: desc,
    digest: desc.digest,
    size: desc.size,
    mediaType: desc.mediaType,
    where,
    diffId: () => Promise.resolve(diffId),
    compressed,
    uncompressed,
    entries,
    items,
  };
}
