/**
 * Library search as the dynamic loader does it (ld.so(8)): a name with a `/` is a path; otherwise
 * DT_RPATH (when the object has no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH — `$ORIGIN` being the
 * object's directory — then /etc/ld.so.cache (or, without one, the ld.so.conf directories), then
 * the default directories, multiarch included.
 */
import type { ElfInfo } from './elf.js';
import { ELF_MACHINES } from './elf.js';
import type { ImageFs } from './image-fs.js';
import type { LdCacheEntry } from './ld-cache.js';
import { resolvePath, type Resolved } from './resolve-path.js';

/** LoaderSetup is what the image's loader reads before searching. */
export interface LoaderSetup {
  /** the ld.so.cache entries, when the image has a readable cache */
  cache?: LdCacheEntry[];
  /** the ld.so.conf directories */
  confDirs: string[];
  /** LD_LIBRARY_PATH from the image's environment */
  libraryPath: string[];
}

/** Found is where a library was found and through which rule. */
export interface Found extends Resolved {
  /** `DT_RUNPATH`, `DT_RPATH`, `LD_LIBRARY_PATH`, `ld.so.cache`, `ld.so.conf` or `default directory` */
  via: string;
}

const MULTIARCH: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  '386': 'i386-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  ppc64: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
};

/** ldconfig's architecture byte (flags & 0xff00) for 64-bit objects of a machine. */
const CACHE_ARCH: Record<string, number> = { amd64: 0x0300, arm64: 0x0a00, riscv64: 0x1000 };

/** defaultDirs lists the loader's built-in directories for an object of `elf`'s machine. */
export function defaultDirs(elf: ElfInfo): string[] {
  const triplet = MULTIARCH[ELF_MACHINES[elf.machine] ?? ''];
  const multi = triplet === undefined ? [] : [`/lib/${triplet}`, `/usr/lib/${triplet}`];
  const lib64 = elf.bits === 64 ? ['/lib64', '/usr/lib64'] : [];
  return [...multi, ...lib64, '/lib', '/usr/lib', '/usr/local/lib'];
}

function cacheFits(entry: LdCacheEntry, elf: ElfInfo): boolean {
  const arch = CACHE_ARCH[ELF_MACHINES[elf.machine] ?? ''];
  if (arch !== undefined) return (entry.flags & 0xff00) === arch;
  return elf.bits === 32 ? (entry.flags & 0xff00) === 0 : true;
}

function lookIn(fs: ImageFs, dirs: readonly string[], name: string, via: string): Found | undefined {
  for (const dir of dirs) {
    const r = resolvePath(fs, `${dir}/${name}`);
    if (r.exists && isFile(fs, r.path)) return { ...r, via };
  }
  return undefined;
}

function isFile(fs: ImageFs, path: string): boolean {
  const t = fs.node(path)?.type;
  return t === 'file' || t === 'hardlink';
}

/** searchLibrary finds `name`, needed by the object at `objectPath` described by `elf`, or returns undefined. */
export function searchLibrary(
  fs: ImageFs,
  setup: LoaderSetup,
  name: string,
  objectPath: string,
  elf: ElfInfo,
): Found | undefined {
  if (name.includes('/')) {
    const r = resolvePath(fs, name, objectPath.slice(0, objectPath.lastIndexOf('/') + 1) || '.');
    return r.exists ? { ...r, via: 'path' } : undefined;
  }
  const origin = `/${objectPath.includes('/') ? objectPath.slice(0, objectPath.lastIndexOf('/')) : ''}`;
  const expand = (dirs: readonly string[]) =>
    dirs.map((d) => d.replace(/\$(ORIGIN|\{ORIGIN\})/g, origin)).filter((d) => !d.includes('$'));
  const steps: [string[], string][] = [];
  if (elf.runpath.length === 0) steps.push([expand(elf.rpath), 'DT_RPATH']);
  steps.push([setup.libraryPath, 'LD_LIBRARY_PATH'], [expand(elf.runpath), 'DT_RUNPATH']);
  for (const [dirs, via] of steps) {
    const hit = lookIn(fs, dirs, name, via);
    if (hit !== undefined) return hit;
  }
  if (setup.cache !== undefined) {
    for (const e of setup.cache) {
      if (e.soname !== name || !cacheFits(e, elf)) continue;
      const r = resolvePath(fs, e.path);
      if (r.exists && isFile(fs, r.path)) return { ...r, via: 'ld.so.cache' };
    }
  } else {
    const hit = lookIn(fs, setup.confDirs, name, 'ld.so.conf');
    if (hit !== undefined) return hit;
  }
  return lookIn(fs, defaultDirs(elf), name, 'default directory');
}
