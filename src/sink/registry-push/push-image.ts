/**
 * pushImage: writes one image to a registry — every blob (layers, config) made present by HEAD,
 * mount or upload, then the manifest PUT under the tag (or its digest). Blobs are streamed from the
 * image as stored (layer.compressed(), verified while read), so any Image — a transformed one too —
 * can be pushed and keeps its digests.
 */
import type { Digest } from '../../model/digest.js';
import { StowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import { RegistryClient, type RegistryOptions } from '../../source/registry/client.js';
import { formatRegistryReference, parseRegistryReference } from '../../source/registry/reference.js';
import { imageBlobs, manifestBlob } from '../image-blobs.js';
import { uploadBlob, type BlobOutcome, type UploadOptions } from './blob-upload.js';

/** PushOptions configure registry access and uploads. */
export interface PushOptions extends RegistryOptions, UploadOptions {
  onProgress?: (message: string) => void;
}

/** PushResult says where the image went and what each blob needed. */
export interface PushResult {
  reference: string;
  manifestDigest: Digest;
  blobs: { digest: Digest; size: number; outcome: BlobOutcome }[];
  uploadedBytes: number;
}

/** pushImage pushes `image` to `reference` (e.g. `localhost:5000/app:v1`). */
export async function pushImage(
  image: Image,
  reference: string,
  opts: PushOptions = {},
): Promise<PushResult> {
  const ref = parseRegistryReference(reference);
  const client = new RegistryClient(ref.registry, opts);
  client.addScope(`repository:${ref.repository}:pull,push`);
  const src = image.ref();
  const mountFrom = [...(opts.mountFrom ?? [])];
  if (src.source === 'registry' && src.location.startsWith(`${ref.registry}/`)) {
    mountFrom.push(src.location.slice(ref.registry.length + 1));
  }
  const blobs = await imageBlobs(image);
  const result: PushResult = {
    reference: formatRegistryReference(ref),
    manifestDigest: await image.manifestDigest(),
    blobs: [],
    uploadedBytes: 0,
  };
  for (const b of blobs) {
    if (b.role === 'manifest') continue;
    opts.onProgress?.(`pushing ${b.role} ${b.descriptor.digest} (${b.descriptor.size} bytes) …`);
    const outcome = await uploadBlob(client, ref.repository, b.descriptor, () => b.body(), {
      ...opts,
      mountFrom,
    });
    result.blobs.push({ digest: b.descriptor.digest, size: b.descriptor.size, outcome });
    if (outcome === 'uploaded') result.uploadedBytes += b.descriptor.size;
  }
  const manifest = manifestBlob(blobs).descriptor;
  const raw = Buffer.from(await image.rawManifest());
  const target = ref.tag ?? ref.digest ?? manifest.digest;
  const res = await client.request(`/v2/${ref.repository}/manifests/${target}`, `manifest PUT ${target}`, {
    method: 'PUT',
    headers: { 'content-type': manifest.mediaType, 'content-length': String(raw.length) },
    body: raw,
  });
  await res.body?.cancel();
  if (res.status !== 201) {
    throw new StowageError(
      'NETWORK',
      `${client.host} answered HTTP ${res.status} to the manifest PUT of ${result.reference}`,
      {
        hint:
          res.status === 401 || res.status === 403
            ? 'check that the credentials grant push access'
            : 'check the registry log',
      },
    );
  }
  const stored = res.headers.get('docker-content-digest');
  if (stored !== null && stored !== manifest.digest) {
    throw new StowageError(
      'DIGEST_MISMATCH',
      `${client.host} stored the manifest as ${stored}, expected ${manifest.digest}`,
      {
        where: { file: result.reference },
      },
    );
  }
  return result;
}
