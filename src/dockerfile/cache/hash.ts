/**
 * Key hashing: a sha256 over a canonical JSON encoding of the key's parts.
 */
import { createHash } from 'node:crypto';

/** hashParts returns `sha256:<hex>` of the JSON encoding of `parts`. */
export function hashParts(...parts: unknown[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

/** sha256Of returns `sha256:<hex>` of bytes. */
export function sha256Of(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
