/**
 * BlobStore: the minimal core every local source supplies — a way to stream a blob's bytes as
 * stored — plus helpers to read small documents (manifests, configs) fully, capped and verified.
 */
import { asBuffer } from '../compress/peek.js';
import { verifyDigest } from '../compress/verify.js';
import type { Descriptor } from '../model/descriptor.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** BlobStore serves blobs by descriptor. */
export interface BlobStore {
  /** describe names the store (a directory or archive) or, given a descriptor, where that blob lives. */
  describe(desc?: Descriptor): string;
  /** open streams the blob's bytes as stored, unverified; a missing blob fails with NOT_FOUND. */
  open(desc: Descriptor): AsyncIterable<Buffer>;
}

/** MAX_MANIFEST_SIZE caps manifests and indexes read into memory (as containers/image does). */
export const MAX_MANIFEST_SIZE = 4 << 20;

/** MAX_CONFIG_SIZE caps image configs read into memory. */
export const MAX_CONFIG_SIZE = 16 << 20;

/**
 * readAll collects a stream into one Buffer, failing with INVALID_MANIFEST once it passes `cap`
 * bytes; `what` names the document in that error.
 */
export async function readAll(
  source: AsyncIterable<Uint8Array>,
  cap: number,
  what: string,
  where: ErrorWhere = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > cap) {
      throw new StowageError('INVALID_MANIFEST', `${what} is larger than ${cap} bytes`, {
        where,
        hint: 'this is not a plausible image document; check that the reference names an image',
      });
    }
    chunks.push(asBuffer(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * readBlob reads a small blob fully and checks it against the descriptor's digest and size.
 * `what` names it in errors ("manifest", "config").
 */
export async function readBlob(
  store: BlobStore,
  desc: Descriptor,
  what: string,
  cap: number,
  where: ErrorWhere = {},
): Promise<Buffer> {
  const at: ErrorWhere = { file: store.describe(desc), ...where };
  if (desc.size > cap) {
    throw new StowageError(
      'INVALID_MANIFEST',
      `${what} ${desc.digest} claims ${desc.size} bytes, over ${cap}`,
      {
        where: at,
        hint: 'this is not a plausible image document; check that the reference names an image',
      },
    );
  }
  const verified = verifyDigest(store.open(desc), desc.digest, {
    kind: 'digest',
    expectedSize: desc.size,
    where: at,
  });
  return readAll(verified, cap, what, at);
}
