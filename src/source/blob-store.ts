/**
 * BlobStore: the minimal core every local source supplies — a way to stream a blob's bytes as
 * stored — plus helpers to read small documents (manifests, configs) fully, capped and verified.
 */
import { asBuffer } from '../compress/peek.js';
import { verifyDigest } from '../compress/verify.js';
import type { Descriptor } from '../model/descriptor.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { limitHint, limits } from '../model/limits.js';

/** BlobStore serves blobs by descriptor. */
export interface BlobStore {
  /** describe names the store (a directory or archive) or, given a descriptor, where that blob lives. */
  describe(desc?: Descriptor): string;
  /** open streams the blob's bytes as stored, unverified; a missing blob fails with NOT_FOUND. */
  open(desc: Descriptor): AsyncIterable<Buffer>;
}

/** DocumentLimit names the limit (see model/limits.ts) that caps a document read into memory. */
export type DocumentLimit = 'manifestBytes' | 'configBytes' | 'tokenBytes';

/**
 * readAll collects a stream into one Buffer, failing with INVALID_MANIFEST once it passes the
 * `limit` in force (the rest is not read); `what` names the document in that error.
 */
export async function readAll(
  source: AsyncIterable<Uint8Array>,
  limit: DocumentLimit,
  what: string,
  where: ErrorWhere = {},
): Promise<Buffer> {
  const cap = limits()[limit];
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > cap) {
      throw new StowageError('INVALID_MANIFEST', `${what} is larger than ${cap} bytes`, {
        where,
        hint: limitHint(limit),
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
  limit: DocumentLimit,
  where: ErrorWhere = {},
): Promise<Buffer> {
  const at: ErrorWhere = { file: store.describe(desc), ...where };
  const cap = limits()[limit];
  if (desc.size > cap) {
    throw new StowageError(
      'INVALID_MANIFEST',
      `${what} ${desc.digest} claims ${desc.size} bytes, over ${cap}`,
      {
        where: at,
        hint: limitHint(limit),
      },
    );
  }
  const verified = verifyDigest(store.open(desc), desc.digest, {
    kind: 'digest',
    expectedSize: desc.size,
    where: at,
  });
  return readAll(verified, limit, what, at);
}
