/**
 * ld.so.conf reading: the library directories it lists, with `include` lines expanded (a `*` or `?`
 * glob in the last component, matched against the image's directory listing, sorted as glibc does).
 */
import picomatch from 'picomatch';
import type { ImageFs } from './image-fs.js';
import { normalizePath, resolvePath } from './resolve-path.js';

/** LD_SO_CONF is the loader configuration's path (normalised). */
export const LD_SO_CONF = 'etc/ld.so.conf';

/**
 * ldConfDirs reads `file` and its includes from `fs` and returns the directories in order, with
 * the configuration files it read (their paths matter to slim: the loader's setup).
 */
export async function ldConfDirs(
  fs: ImageFs,
  file = LD_SO_CONF,
  seen = new Set<string>(),
): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  const real = resolvePath(fs, `/${file}`);
  if (!real.exists || seen.has(real.path)) return { dirs, files };
  seen.add(real.path);
  const body = (await fs.readFiles([real.path])).get(real.path);
  if (body === undefined) return { dirs, files };
  files.push(file);
  for (const raw of body.toString('utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const inc = /^include\s+(.+)$/.exec(line);
    if (inc === null) {
      dirs.push(...line.split(/[\s:,=]+/).filter((d) => d.startsWith('/')));
      continue;
    }
    for (const pattern of (inc[1] as string).split(/\s+/)) {
      const abs = pattern.startsWith('/') ? pattern : `/etc/${pattern}`;
      for (const f of expandGlob(fs, abs)) {
        const sub = await ldConfDirs(fs, f, seen);
        dirs.push(...sub.dirs);
        files.push(...sub.files);
      }
    }
  }
  return { dirs, files };
}

/** expandGlob matches the last component of absolute `pattern` in its directory; sorted paths. */
function expandGlob(fs: ImageFs, pattern: string): string[] {
  const norm = normalizePath(pattern);
  const slash = norm.lastIndexOf('/');
  const dir = slash < 0 ? '.' : norm.slice(0, slash);
  const name = norm.slice(slash + 1);
  if (!/[*?[]/.test(name)) return [norm];
  const real = resolvePath(fs, `/${dir}`);
  if (!real.exists) return [];
  const match = picomatch(name, { dot: false });
  return fs
    .children(real.path)
    .filter((n) => match(n.name))
    .map((n) => `${dir}/${n.name}`)
    .sort();
}
