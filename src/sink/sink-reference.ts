/**
 * Destinations for `pull`: `oci:DIR[:tag]`, `oci-archive:FILE[:tag]`, `docker-archive:FILE[:repo:tag]`.
 * As with skopeo, the path ends at the first colon; what follows is the tag (or `repo:tag`).
 */
import { StowageError } from '../model/errors.js';

/** SinkKind names a writable image format. */
export type SinkKind = 'oci' | 'oci-archive' | 'docker-archive';

/** SinkReference is a parsed destination. */
export interface SinkReference {
  kind: SinkKind;
  path: string;
  /** a tag (oci, oci-archive) or `repo:tag` (docker-archive) */
  name?: string;
}

const KINDS: readonly SinkKind[] = ['oci', 'oci-archive', 'docker-archive'];
const HINT = 'write oci:DIR[:tag], oci-archive:FILE[:tag] or docker-archive:FILE[:repo:tag]';
const TAG = /^[\w][\w.-]{0,127}$/;
const REPO_TAG =
  /^[a-z0-9]+(?:[._/-][a-z0-9]+|__[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*:[\w][\w.-]{0,127}$/;

/** parseSinkReference reads a destination string. */
export function parseSinkReference(s: string): SinkReference {
  const scheme = s.slice(0, s.indexOf(':'));
  if (!(KINDS as readonly string[]).includes(scheme)) {
    throw new StowageError('USAGE', `"${s}" is not a destination stowage can write`, { hint: HINT });
  }
  const kind = scheme as SinkKind;
  const rest = s.slice(scheme.length + 1);
  const colon = rest.indexOf(':');
  const path = colon < 0 ? rest : rest.slice(0, colon);
  const name = colon < 0 ? undefined : rest.slice(colon + 1);
  if (path === '') throw new StowageError('USAGE', `"${s}" names no path`, { hint: HINT });
  if (name !== undefined) {
    const ok = kind === 'docker-archive' ? REPO_TAG.test(name) || TAG.test(name) : TAG.test(name);
    if (!ok) {
      throw new StowageError(
        'USAGE',
        `"${name}" is not a valid ${kind === 'docker-archive' ? 'repo:tag' : 'tag'}`,
        {
          hint: HINT,
        },
      );
    }
  }
  return name === undefined ? { kind, path } : { kind, path, name };
}
