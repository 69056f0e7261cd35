/**
 * Entry paths: normalising stored tar names to stowage's form (relative, no `./` or `..`, no trailing
 * `/`, `.` for the root) and recognising OCI whiteouts (`.wh.NAME`, `.wh..wh..opq`).
 */

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/**
 * normalizePath turns a stored name into a relative path the way the runtimes' appliers read it
 * (umoci's CleanPath, containerd's `filepath.Clean` + root join): leading `/`, empty and `.`
 * segments and a trailing `/` are dropped, `..` removes the segment before it and stops at the root;
 * what is left of nothing is `.`.
 */
export function normalizePath(name: string): string {
  return isNormal(name) ? name : cleanPath(name).path;
}

/** CleanedPath is a stored name made relative and `..`-free, and whether it tried to leave the root. */
export interface CleanedPath {
  path: string;
  escapesRoot: boolean;
}

/** cleanPath is normalizePath that also reports a name climbing above the root (clamped there). */
export function cleanPath(name: string): CleanedPath {
  if (isNormal(name)) return { path: name, escapesRoot: false };
  const kept: string[] = [];
  let escapesRoot = false;
  for (const s of name.split('/')) {
    if (s === '' || s === '.') continue;
    if (s !== '..') kept.push(s);
    else if (kept.pop() === undefined) escapesRoot = true;
  }
  return { path: kept.length === 0 ? '.' : kept.join('/'), escapesRoot };
}

/** NOT_NORMAL matches what cleanPath changes: a leading or trailing `/`, `//`, `.` or `..` segments. */
const NOT_NORMAL = /^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/** isNormal is the fast path (one scan of the name): true when cleanPath would return it unchanged. */
function isNormal(name: string): boolean {
  return name !== '' && !NOT_NORMAL.test(name);
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
