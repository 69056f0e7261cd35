/**
 * Content descriptors: the media type, digest and size that point from one object to another.
 */
import { parseDigest, type Digest } from './digest.js';
import { FieldReader } from './json.js';
import type { Platform } from './platform.js';

/** Descriptor is an OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
}

/** parseDescriptor validates one descriptor; `field` names it in errors. */
export function parseDescriptor(v: unknown, field: string, r: FieldReader): Descriptor {
  const o = r.object(v, field);
  const d: Descriptor = {
    mediaType: r.string(o.mediaType, `${field}.mediaType`),
    digest: parseDigestIn(o.digest, `${field}.digest`, r),
    size: r.integer(o.size, `${field}.size`),
  };
  const urls = r.stringArray(o.urls, `${field}.urls`);
  if (urls) d.urls = urls;
  const ann = r.stringMap(o.annotations, `${field}.annotations`);
  if (ann) d.annotations = ann;
  const plat = r.optObject(o.platform, `${field}.platform`);
  if (plat) {
    d.platform = {
      os: r.string(plat.os, `${field}.platform.os`),
      architecture: r.string(plat.architecture, `${field}.platform.architecture`),
    };
    const variant = r.optString(plat.variant, `${field}.platform.variant`);
    if (variant !== undefined) d.platform.variant = variant;
    const osv = r.optString(plat['os.version'], `${field}.platform.os.version`);
    if (osv !== undefined) d.platform['os.version'] = osv;
  }
  const at = r.optString(o.artifactType, `${field}.artifactType`);
  if (at !== undefined) d.artifactType = at;
  return d;
}

function parseDigestIn(v: unknown, field: string, r: FieldReader): Digest {
  try {
    return parseDigest(v, field);
  } catch (e) {
    return r.fail((e as Error).message);
  }
}
