/**
 * FROM image references split into registry, name, tag and digest (Docker's rules: the first path
 * component is a registry when it has a `.` or `:` or is `localhost`).
 */
import type { FromImage } from './model.js';

/** parseImageRef splits an (already expanded) image reference. */
export function parseImageRef(raw: string, expanded: string, platform?: string): FromImage {
  let rest = expanded;
  const out: FromImage = { raw, expanded, name: '' };
  if (platform !== undefined) out.platform = platform;
  const at = rest.indexOf('@');
  if (at !== -1) {
    out.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const firstPart = slash === -1 ? '' : rest.slice(0, slash);
  if (slash !== -1 && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost')) {
    out.registry = firstPart;
    rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon).includes('/')) {
    out.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  out.name = rest;
  return out;
}
