/**
 * POSIX path arithmetic for paths inside the image: resolving against WORKDIR, normalising, and
 * asking whether two paths overlap (one is the other or lies below it).
 */
import picomatch from 'picomatch';

/** normalize collapses `.`, `..` and repeated slashes of an absolute path; the result has no trailing slash. */
export function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** resolve makes `p` absolute against the directory `cwd` and normalises it. */
export function resolve(cwd: string, p: string): string {
  return normalize(p.startsWith('/') ? p : `${cwd}/${p}`);
}

/** isUnder is true when `p` equals `dir` or lies below it. */
export function isUnder(p: string, dir: string): boolean {
  return p === dir || dir === '/' || p.startsWith(`${dir}/`);
}

/** overlaps is true when one of the paths contains the other. */
export function overlaps(a: string, b: string): boolean {
  return isUnder(a, b) || isUnder(b, a);
}

/** hasGlob is true when a shell word holds an unexpanded wildcard. */
export function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/**
 * matchesRemoval is true when `rm` of `target` (absolute, maybe a glob) removes `path`: the same
 * path, a directory above it, or a glob matching it or a directory above it.
 */
export function matchesRemoval(target: string, path: string): boolean {
  if (!hasGlob(target)) return isUnder(path, target);
  const isMatch = picomatch(target, { dot: true });
  const parts = path.split('/');
  for (let k = parts.length; k > 1; k--) if (isMatch(parts.slice(0, k).join('/'))) return true;
  return false;
}

/** staticPrefix is the part of an absolute path before its first component holding a wildcard. */
export function staticPrefix(p: string): string {
  const parts = p.split('/');
  const k = parts.findIndex((part) => hasGlob(part));
  return k < 0 ? p : normalize(parts.slice(0, k).join('/'));
}
