/**
 * Entry paths: normalising stored tar names to stowage's form (relative, no `./`, no trailing `/`,
 * `.` for the root) and recognising OCI whiteouts (`.wh.NAME`, `.wh..wh..opq`).
 */

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/**
 * normalizePath turns a stored name into a relative path: leading `/` and `./`, empty and `.`
 * segments and a trailing `/` are dropped; what is left of nothing is `.`. `..` is kept as stored.
 */
export function normalizePath(name: string): string {
  if (isNormal(name)) return name;
  const kept = name.split('/').filter((s) => s !== '' && s !== '.');
  return kept.length === 0 ? '.' : kept.join('/');
}

/** isNormal is the fast path: true when normalizePath would return the name unchanged. */
function isNormal(name: string): boolean {
  return (
    name !== '' &&
    !name.startsWith('/') &&
    !name.startsWith('./') &&
    !name.endsWith('/') &&
    name !== '.' &&
    !name.includes('//') &&
    !name.includes('/./') &&
    !name.endsWith('/.')
  );
}

/** WhiteoutTarget is what a whiteout entry hides: a path (`file`) or a directory's lower contents (`opaque`). */
export interface WhiteoutTarget {
  whiteout: 'file' | 'opaque';
  path: string;
}

/**
 * whiteoutOf recognises a whiteout from a normalised path: `dir/.wh.NAME` hides `dir/NAME`,
 * `dir/.wh..wh..opq` makes `dir` opaque. Returns undefined for ordinary paths.
 */
export function whiteoutOf(path: string): WhiteoutTarget | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (!base.startsWith(WHITEOUT_PREFIX) || base.length === WHITEOUT_PREFIX.length) return undefined;
  const dir = slash === -1 ? '' : path.slice(0, slash);
  if (base === OPAQUE_MARKER) return { whiteout: 'opaque', path: dir === '' ? '.' : dir };
  const name = base.slice(WHITEOUT_PREFIX.length);
  return { whiteout: 'file', path: dir === '' ? name : `${dir}/${name}` };
}
