/**
 * resolvePath: follows symlinks inside an image's root, never the host's — every component of
 * every link target is looked up in the image. A relative link whose `..` climbs above the root and
 * a chain of more than MAX_LINKS links are errors (the kernel would give ELOOP for the second).
 */
import { StowageError } from '../model/errors.js';
import type { ImageFs } from './image-fs.js';

/** MAX_LINKS is how many symlinks one resolution follows, as Linux's MAXSYMLINKS. */
export const MAX_LINKS = 40;

/** Resolved is where a path leads: the final path and the symlinks crossed on the way. */
export interface Resolved {
  /** normalised final path (relative to the root, no leading `/`); `.` for the root */
  path: string;
  /** the symlinks followed, in order (normalised paths) */
  links: string[];
  /** whether the final path exists */
  exists: boolean;
}

interface Part {
  name: string;
  /** the symlink whose target this component came from */
  via?: string;
}

function parts(path: string, via?: string): Part[] {
  return path
    .split('/')
    .filter((n) => n !== '' && n !== '.')
    .map((name) => (via === undefined ? { name } : { name, via }));
}

/** normalizePath turns `/a//b/./c` or `a/b` into `a/b/c` (`.` for the root) without touching `..`. */
export function normalizePath(path: string): string {
  const p = parts(path)
    .map((x) => x.name)
    .join('/');
  return p === '' ? '.' : p;
}

/**
 * resolvePath resolves absolute `path` (or relative to `cwd`) in `fs`, following every symlink
 * (the last one too, unless `followLast` is false).
 */
export function resolvePath(fs: ImageFs, path: string, cwd = '.', followLast = true): Resolved {
  const queue: Part[] = path.startsWith('/') ? parts(path) : [...parts(cwd), ...parts(path)];
  const done: string[] = [];
  const links: string[] = [];
  while (queue.length > 0) {
    const part = queue.shift() as Part;
    if (part.name === '..') {
      if (done.length === 0 && part.via !== undefined) throw outside(part.via, fs);
      done.pop();
      continue;
    }
    const here = [...done, part.name].join('/');
    const node = fs.node(here);
    if (node === undefined) {
      return { path: [here, ...queue.map((q) => q.name)].join('/'), links, exists: false };
    }
    if (node.type !== 'symlink' || (!followLast && queue.length === 0)) {
      done.push(part.name);
      continue;
    }
    links.push(here);
    if (links.length > MAX_LINKS) {
      throw new StowageError(
        'USAGE',
        `too many levels of symbolic links resolving ${path} (a symlink loop)`,
        {
          where: { path: `/${here}` },
          hint: `fix the link chain: ${links
            .slice(0, 4)
            .map((l) => `/${l}`)
            .join(' → ')} …`,
        },
      );
    }
    const target = node.linkTarget ?? '';
    if (target.startsWith('/')) done.length = 0;
    queue.unshift(...parts(target, here));
  }
  return { path: done.length === 0 ? '.' : done.join('/'), links, exists: true };
}

function outside(link: string, fs: ImageFs): StowageError {
  const target = fs.node(link)?.linkTarget ?? '';
  return new StowageError('USAGE', `symlink /${link} → ${target} points outside the image root`, {
    where: { path: `/${link}` },
    hint: 'a relative link may not climb above /; make it absolute or fix the image',
  });
}
