/**
 * Image manifests and indexes (OCI and Docker v2 schema 2), parsed from bytes and validated.
 * A document without `mediaType` (umoci writes them) is classified by its shape.
 */
import { digestOf, type Digest } from './digest.js';
import { parseDescriptor, type Descriptor } from './descriptor.js';
import { StowageError, type ErrorWhere } from './errors.js';
import { FieldReader, parseJson } from './json.js';
import { MediaTypes, mediaKind } from './media-types.js';

/** Manifest is a single-platform image manifest. */
export interface Manifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
}

/** Index is an OCI image index or a Docker manifest list. */
export interface Index {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** ParsedDocument is a manifest or an index with its digest and raw bytes. */
export type ParsedDocument =
  | { kind: 'manifest'; manifest: Manifest; digest: Digest; raw: Uint8Array }
  | { kind: 'index'; index: Index; digest: Digest; raw: Uint8Array };

/** parseManifestOrIndex parses a manifest or index; `what` and `where` name it in errors. */
export function parseManifestOrIndex(raw: Uint8Array, what: string, where: ErrorWhere = {}): ParsedDocument {
  const json = parseJson(raw, what, where);
  const r = new FieldReader(what, where);
  const o = r.object(json, 'document');
  if (o.schemaVersion === 1) {
    throw new StowageError('UNSUPPORTED_MEDIA_TYPE', `${what} is a Docker schema 1 manifest`, {
      where,
      hint: 'schema 1 is deprecated; re-push the image with a current tool (skopeo copy converts it)',
    });
  }
  if (o.schemaVersion !== 2) r.fail('schemaVersion must be 2');
  const declared = r.optString(o.mediaType, 'mediaType');
  const kind =
    declared !== undefined ? mediaKind(declared) : Array.isArray(o.manifests) ? 'index' : 'manifest';
  const digest = digestOf(raw);
  if (kind === 'index') {
    const index: Index = {
      schemaVersion: 2,
      mediaType: declared ?? MediaTypes.ociIndex,
      manifests: r.array(o.manifests, 'manifests').map((d, i) => parseDescriptor(d, `manifests[${i}]`, r)),
    };
    const ann = r.stringMap(o.annotations, 'annotations');
    if (ann) index.annotations = ann;
    return { kind: 'index', index, digest, raw };
  }
  if (kind !== 'manifest') {
    throw new StowageError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${what} has media type "${declared}", not a manifest or index`,
      {
        where,
      },
    );
  }
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: declared ?? MediaTypes.ociManifest,
    config: parseDescriptor(o.config, 'config', r),
    layers: r.array(o.layers, 'layers').map((d, i) => parseDescriptor(d, `layers[${i}]`, r)),
  };
  const ann = r.stringMap(o.annotations, 'annotations');
  if (ann) manifest.annotations = ann;
  if (o.subject !== undefined) manifest.subject = parseDescriptor(o.subject, 'subject', r);
  return { kind: 'manifest', manifest, digest, raw };
}

/** parseManifest parses a document that must be a single-platform manifest. */
export function parseManifest(raw: Uint8Array, what: string, where: ErrorWhere = {}): Manifest {
  const doc = parseManifestOrIndex(raw, what, where);
  if (doc.kind !== 'manifest') {
    throw new StowageError('INVALID_MANIFEST', `${what} is an index where a manifest was expected`, {
      where,
    });
  }
  return doc.manifest;
}
