/**
 * Choosing one manifest from an index (OCI image index or Docker manifest list), nested indexes
 * included: by platform, skipping attestation manifests, and listing what exists when nothing fits.
 */
import type { Descriptor } from '../model/descriptor.js';
import type { Digest } from '../model/digest.js';
import { StowageError } from '../model/errors.js';
import { parseManifestOrIndex, type Index } from '../model/manifest.js';
import { mediaKind } from '../model/media-types.js';
import { formatPlatform, hostPlatform, platformMatches, type Platform } from '../model/platform.js';
import { readBlob, type BlobStore } from './blob-store.js';

/** IndexCandidate is a manifest descriptor found in an index, with the index that lists it. */
export interface IndexCandidate {
  descriptor: Descriptor;
  parent: { index: Index; digest: Digest };
}

/** PlatformEntry is one image an index holds, as `inspect` lists them. */
export interface PlatformEntry {
  platform: Platform | undefined;
  digest: Digest;
  size: number;
  mediaType: string;
}

const MAX_NESTING = 8;

/** isAttestation reports descriptors of build attestations (BuildKit marks them unknown/unknown). */
export function isAttestation(d: Descriptor): boolean {
  if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}

/**
 * indexCandidates flattens an index into its manifest descriptors, reading nested indexes (by
 * their media type) from the store; attestation manifests are left out.
 */
export async function indexCandidates(
  store: BlobStore,
  index: Index,
  digest: Digest,
  depth = 0,
): Promise<IndexCandidate[]> {
  if (depth > MAX_NESTING) {
    throw new StowageError('INVALID_MANIFEST', `indexes nested more than ${MAX_NESTING} deep`, {
      where: { file: store.describe() },
    });
  }
  const out: IndexCandidate[] = [];
  for (const d of index.manifests) {
    if (isAttestation(d)) continue;
    if (mediaKind(d.mediaType) !== 'index') {
      out.push({ descriptor: d, parent: { index, digest } });
      continue;
    }
    const raw = await readBlob(store, d, 'index', 'manifestBytes');
    const doc = parseManifestOrIndex(raw, `index ${d.digest}`, { file: store.describe(d) });
    if (doc.kind !== 'index') {
      throw new StowageError('INVALID_MANIFEST', `${d.digest} is listed as an index but is a manifest`, {
        where: { file: store.describe(d) },
      });
    }
    out.push(...(await indexCandidates(store, doc.index, doc.digest, depth + 1)));
  }
  return out;
}

/**
 * selectPlatform picks the candidate for `want` (default: linux on the host's architecture).
 * A lone candidate without a platform is taken as it is; otherwise nothing matching fails with
 * PLATFORM_NOT_FOUND listing the platforms the index holds.
 */
export function selectPlatform(
  candidates: IndexCandidate[],
  want: Platform | undefined,
  where: string,
): IndexCandidate {
  const only = candidates[0];
  if (candidates.length === 1 && only !== undefined && only.descriptor.platform === undefined) return only;
  const target = want ?? hostPlatform();
  const match = candidates.find(
    (c) => c.descriptor.platform && platformMatches(target, c.descriptor.platform),
  );
  if (match) return match;
  const have = candidates.map((c) =>
    c.descriptor.platform ? formatPlatform(c.descriptor.platform) : 'unknown',
  );
  throw new StowageError(
    'PLATFORM_NOT_FOUND',
    `no image for platform ${formatPlatform(target)}; the index holds ${have.length > 0 ? have.join(', ') : 'no images'}`,
    { where: { file: where }, hint: 'choose one with --platform os/arch[/variant]' },
  );
}

/** platformEntries lists the images an index holds, for `inspect`. */
export function platformEntries(candidates: IndexCandidate[]): PlatformEntry[] {
  return candidates.map((c) => ({
    platform: c.descriptor.platform,
    digest: c.descriptor.digest,
    size: c.descriptor.size,
    mediaType: c.descriptor.mediaType,
  }));
}
