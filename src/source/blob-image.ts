/**
 * The one Image implementation every local source shares: a BlobStore plus the root document the
 * reference resolved to (a manifest, or an index to choose from by platform). Lazy and memoized.
 */
import { parseImageConfig } from '../model/config.js';
import type { Descriptor } from '../model/descriptor.js';
import type { Digest } from '../model/digest.js';
import { StowageError } from '../model/errors.js';
import type { Image, ImageRef, Layer } from '../model/image.js';
import { parseManifestOrIndex, type Index, type ParsedDocument } from '../model/manifest.js';
import type { Platform } from '../model/platform.js';
import { blobLayer } from './blob-layer.js';
import { readBlob, type BlobStore } from './blob-store.js';
import { once } from './once.js';
import { indexCandidates, platformEntries, selectPlatform, type PlatformEntry } from './platform-select.js';

/** ImageRoot is what a source resolves a reference to: where blobs live and the document named. */
export interface ImageRoot {
  store: BlobStore;
  document: ParsedDocument;
  ref: ImageRef;
}

/** BlobImageOptions choose among an index's images; the default platform is linux/<host arch>. */
export interface BlobImageOptions {
  platform?: Platform;
}

interface Chosen {
  manifest: Extract<ParsedDocument, { kind: 'manifest' }>;
  index: { index: Index; digest: Digest } | undefined;
}

/** blobImage builds an Image over a resolved root. Nothing is read until a method is called. */
export function blobImage(root: ImageRoot, opts: BlobImageOptions = {}): Image {
  const { store, document } = root;

  const chosen = once(async (): Promise<Chosen> => {
    if (document.kind === 'manifest') return { manifest: document, index: undefined };
    const candidates = await indexCandidates(store, document.index, document.digest);
    const pick = selectPlatform(candidates, opts.platform, root.ref.display);
    const raw = await readBlob(store, pick.descriptor, 'manifest', 'manifestBytes');
    const what = `manifest ${pick.descriptor.digest}`;
    const doc = parseManifestOrIndex(raw, what, { file: store.describe(pick.descriptor) });
    if (doc.kind !== 'manifest') {
      throw new StowageError('INVALID_MANIFEST', `${what} is an index but is listed as a manifest`, {
        where: { file: store.describe(pick.descriptor) },
      });
    }
    return { manifest: doc, index: pick.parent };
  });

  const manifest = async () => (await chosen()).manifest.manifest;

  const rawConfig = once(async () => {
    const desc: Descriptor = (await manifest()).config;
    return readBlob(store, desc, 'config', 'configBytes');
  });

  const config = once(async () => {
    const desc = (await manifest()).config;
    return parseImageConfig(await rawConfig(), `config ${desc.digest}`, { file: store.describe(desc) });
  });

  const layers = once(async (): Promise<Layer[]> => {
    const m = await manifest();
    const diffIds = (await config()).rootfs.diff_ids;
    if (diffIds.length !== m.layers.length) {
      throw new StowageError(
        'INVALID_MANIFEST',
        `the manifest lists ${m.layers.length} layers but the config has ${diffIds.length} diff_ids`,
        {
          where: { file: store.describe(m.config) },
          hint: 'the image is inconsistent; rebuild or re-copy it',
        },
      );
    }
    return m.layers.map((d, i) => blobLayer(store, d, i, diffIds[i] as Digest));
  });

  return {
    ref: () => root.ref,
    manifestDigest: async () => (await chosen()).manifest.digest,
    manifest,
    rawManifest: async () => (await chosen()).manifest.raw,
    config,
    rawConfig,
    layers,
    index: async () => (await chosen()).index,
    platform: async () => {
      const c = await config();
      const p: Platform = { os: c.os, architecture: c.architecture };
      if (c.variant !== undefined) p.variant = c.variant;
      return p;
    },
  };
}

/**
 * rootPlatforms lists the images a root holds: an index's manifests (nested indexes flattened,
 * attestations left out), or the single manifest with the platform from its config.
 */
export async function rootPlatforms(root: ImageRoot): Promise<PlatformEntry[]> {
  const { document } = root;
  if (document.kind === 'index') {
    return platformEntries(await indexCandidates(root.store, document.index, document.digest));
  }
  return [
    {
      platform: await blobImage(root).platform(),
      digest: document.digest,
      size: document.raw.length,
      mediaType: document.manifest.mediaType,
    },
  ];
}
