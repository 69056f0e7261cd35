/**
 * Media types of the OCI image-spec and Docker's v2 schema 2, and what kind of object each names.
 */

export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociLayerNondistributable: 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  ociLayerNondistributableGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  ociLayerNondistributableZstd: 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayerForeignGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  dockerLayerTar: 'application/vnd.docker.image.rootfs.diff.tar',
} as const;

/** MediaType is any media type string; the known ones are in MediaTypes. */
export type MediaType = string;

/** MediaKind is what a media type names. */
export type MediaKind = 'manifest' | 'index' | 'config' | 'layer' | 'unknown';

const MANIFESTS = new Set<string>([MediaTypes.ociManifest, MediaTypes.dockerManifest]);
const INDEXES = new Set<string>([MediaTypes.ociIndex, MediaTypes.dockerManifestList]);
const CONFIGS = new Set<string>([MediaTypes.ociConfig, MediaTypes.dockerConfig]);
const LAYERS = new Set<string>([
  MediaTypes.ociLayer,
  MediaTypes.ociLayerGzip,
  MediaTypes.ociLayerZstd,
  MediaTypes.ociLayerNondistributable,
  MediaTypes.ociLayerNondistributableGzip,
  MediaTypes.ociLayerNondistributableZstd,
  MediaTypes.dockerLayerGzip,
  MediaTypes.dockerLayerForeignGzip,
  MediaTypes.dockerLayerTar,
]);

/** mediaKind classifies a media type. */
export function mediaKind(mt: string | undefined): MediaKind {
  if (mt === undefined) return 'unknown';
  if (MANIFESTS.has(mt)) return 'manifest';
  if (INDEXES.has(mt)) return 'index';
  if (CONFIGS.has(mt)) return 'config';
  if (LAYERS.has(mt)) return 'layer';
  return 'unknown';
}

/** isForeignLayer reports layers that registries may not serve (foreign / non-distributable). */
export function isForeignLayer(mt: string): boolean {
  return mt.includes('foreign') || mt.includes('nondistributable');
}

/** isKnownLayerType reports whether stowage knows how to read a layer of this media type. */
export function isKnownLayerType(mt: string): boolean {
  return LAYERS.has(mt);
}

/**
 * declaredCompression is the compression a layer media type claims ('gzip', 'zstd' or 'none'), or
 * undefined for a type stowage does not know. A claim is only a hint: readers sniff the bytes.
 */
export function declaredCompression(mt: string): 'gzip' | 'zstd' | 'none' | undefined {
  if (!LAYERS.has(mt)) return undefined;
  if (mt.endsWith('gzip')) return 'gzip';
  return mt.endsWith('zstd') ? 'zstd' : 'none';
}
