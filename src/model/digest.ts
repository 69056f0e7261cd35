/**
 * Content digests (`algorithm:hex`) as the OCI image-spec defines them: sha256 and sha512 are
 * validated strictly; hashing uses node:crypto.
 */
import { createHash, type Hash } from 'node:crypto';
import { StowageError } from './errors.js';

/** Digest is a validated `sha256:<64 hex>` or `sha512:<128 hex>` string. */
export type Digest = string & { readonly __digest: unique symbol };

/** DigestAlgorithm is a hash algorithm stowage can verify. */
export type DigestAlgorithm = 'sha256' | 'sha512';

const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };
const DIGEST_RE = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/** parseDigest validates a digest string and returns it typed; `context` names where it came from. */
export function parseDigest(value: unknown, context = 'digest'): Digest {
  if (typeof value !== 'string') {
    throw new StowageError('INVALID_DIGEST', `${context} is not a string`);
  }
  const m = DIGEST_RE.exec(value);
  if (!m) throw new StowageError('INVALID_DIGEST', `${context} "${value}" is not of the form algorithm:hex`);
  const alg = m[1] as string;
  const hex = m[2] as string;
  if (alg !== 'sha256' && alg !== 'sha512') {
    throw new StowageError('INVALID_DIGEST', `${context} uses unsupported algorithm "${alg}"`, {
      hint: 'only sha256 and sha512 are supported',
    });
  }
  if (hex.length !== HEX_LENGTH[alg] || !/^[a-f0-9]+$/.test(hex)) {
    throw new StowageError(
      'INVALID_DIGEST',
      `${context} "${value}" must have ${HEX_LENGTH[alg]} lowercase hex characters`,
    );
  }
  return value as Digest;
}

/** isDigest reports whether a string is a valid digest. */
export function isDigest(value: string): value is Digest {
  try {
    parseDigest(value);
    return true;
  } catch {
    return false;
  }
}

/** digestAlgorithm returns the algorithm part of a digest. */
export function digestAlgorithm(d: Digest): DigestAlgorithm {
  return d.slice(0, d.indexOf(':')) as DigestAlgorithm;
}

/** digestHex returns the hex part of a digest. */
export function digestHex(d: Digest): string {
  return d.slice(d.indexOf(':') + 1);
}

/** shortDigest returns `sha256:` plus the first 12 hex characters, for tables. */
export function shortDigest(d: string): string {
  const i = d.indexOf(':');
  return i < 0 ? d.slice(0, 12) : d.slice(0, i + 13);
}

/** newHash returns a node:crypto hash for the digest's algorithm. */
export function newHash(alg: DigestAlgorithm = 'sha256'): Hash {
  return createHash(alg);
}

/** digestOf hashes a buffer (small blobs: manifests, configs). */
export function digestOf(data: Uint8Array | string, alg: DigestAlgorithm = 'sha256'): Digest {
  return `${alg}:${createHash(alg).update(data).digest('hex')}` as Digest;
}
