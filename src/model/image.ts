/**
 * Image and Layer: the small, lazy, read-only interfaces every source implements and every
 * analysis consumes. Nothing here knows where an image came from.
 */
import type { ImageConfig } from './config.js';
import type { Descriptor } from './descriptor.js';
import type { Digest } from './digest.js';
import type { ErrorWhere } from './errors.js';
import type { LayerEntry } from './layer-entry.js';
import type { Index, Manifest } from './manifest.js';
import type { Platform } from './platform.js';

/** SourceKind names where an image is read from. */
export type SourceKind = 'oci' | 'oci-archive' | 'docker-archive' | 'registry' | 'docker' | 'podman';

/** ImageRef says which image this is, as the user named it and as it resolved. */
export interface ImageRef {
  source: SourceKind;
  /** directory, file, or registry repository */
  location: string;
  tag?: string;
  digest?: Digest;
  /** how to show the reference to a person, e.g. `oci:./dir:latest` */
  display: string;
}

/** EntryOptions tune how a layer's entries are read. */
export interface EntryOptions {
  /** compute `contentHash` (sha256) of every file body */
  hashContents?: boolean;
  /** receives recoverable problems (e.g. a tar without end-of-archive blocks) */
  onWarning?: (message: string) => void;
}

/** LayerItem is an entry with access to its body; `body()` is valid only until the next item. */
export interface LayerItem {
  entry: LayerEntry;
  body(): AsyncIterable<Buffer>;
}

/** Layer is one filesystem changeset of an image. */
export interface Layer {
  /** position in the image, base first */
  index: number;
  descriptor: Descriptor;
  digest: Digest;
  size: number;
  mediaType: string;
  /** where: what errors about this layer name (its file or blob, digest and index) */
  where?: ErrorWhere;
  /** the uncompressed digest, from the config's rootfs.diff_ids */
  diffId(): Promise<Digest>;
  /** compressed bytes as stored, verified against `digest` while read */
  compressed(): AsyncIterable<Buffer>;
  /** uncompressed tar bytes, verified against the diff_id while read */
  uncompressed(): AsyncIterable<Buffer>;
  /** the tar entries, streamed */
  entries(opts?: EntryOptions): AsyncIterable<LayerEntry>;
  /** the tar entries with their bodies, streamed */
  items(opts?: EntryOptions): AsyncIterable<LayerItem>;
}

/** Image is one single-platform image; lazy and memoized, never mutated. */
export interface Image {
  ref(): ImageRef;
  /** digest of the platform manifest actually used */
  manifestDigest(): Promise<Digest>;
  manifest(): Promise<Manifest>;
  rawManifest(): Promise<Uint8Array>;
  config(): Promise<ImageConfig>;
  rawConfig(): Promise<Uint8Array>;
  layers(): Promise<Layer[]>;
  /** the index the manifest was chosen from, if any, with its digest */
  index(): Promise<{ index: Index; digest: Digest } | undefined>;
  platform(): Promise<Platform>;
}
