/**
 * commandClosure: every file a set of commands needs to start, read statically from the image —
 * the executable (PATH and WORKDIR resolved, symlinks followed inside the root), its ELF loader and
 * DT_NEEDED libraries (recursively), a script's shebang interpreter (`/usr/bin/env X` included),
 * the loader's cache and configuration, and arguments that name files in the image. Each path
 * carries the first reason it was needed for. What the loader opens only at run time (NSS and
 * gconv modules, dlopen) is not visible here.
 */
import { StowageError } from '../model/errors.js';
import { ELF_MACHINES, ElfError, isElf, parseElf, type ElfInfo } from './elf.js';
import { findCommand } from './find-command.js';
import { below, type ImageFs } from './image-fs.js';
import { parseLdCache } from './ld-cache.js';
import { ldConfDirs } from './ld-conf.js';
import { searchLibrary, type LoaderSetup } from './library-search.js';
import { resolvePath, type Resolved } from './resolve-path.js';
import { parseShebang } from './shebang.js';

/** CommandRoot is one command line to keep runnable, with what to call it in reasons. */
export interface CommandRoot {
  argv: string[];
  /** e.g. `ENTRYPOINT`, `--include-exe curl` */
  label: string;
}

/** Need is one path the commands need and why. */
export interface Need {
  /** normalised path (no leading `/`) */
  path: string;
  /** e.g. `symlink`, `executable`, `interpreter`, `needed`, `shebang`, `argument`, `loader` */
  kind: string;
  /** a sentence, e.g. `DT_NEEDED of /usr/bin/hello (found through ld.so.cache)` */
  reason: string;
}

/** ClosureOptions are the image facts the search depends on. */
export interface ClosureOptions {
  /** the image's PATH */
  searchPath: string;
  /** LD_LIBRARY_PATH from the image's environment */
  libraryPath: string[];
  /** the working directory (normalised path) */
  workdir: string;
  /** the image's architecture (`amd64`…): an ELF for another one is an error */
  architecture?: string;
}

/** Closure is the result: the needed paths in discovery order and what could not be found. */
export interface Closure {
  needs: Need[];
  /** libraries or interpreters named but not found, as sentences */
  unresolved: string[];
}

const LD_CACHE = 'etc/ld.so.cache';

/** commandClosure computes the static closure of `roots` over `fs`. */
export async function commandClosure(
  fs: ImageFs,
  roots: readonly CommandRoot[],
  opts: ClosureOptions,
): Promise<Closure> {
  const needs = new Map<string, Need>();
  const unresolved: string[] = [];
  let queue: string[] = [];
  const add = (path: string, kind: string, reason: string): boolean => {
    if (needs.has(path)) return false;
    needs.set(path, { path, kind, reason });
    return true;
  };
  const addResolved = (r: Resolved, kind: string, reason: string): void => {
    for (const l of r.links) add(l, 'symlink', `symlink on the way to ${reason}`);
    if (add(r.path, kind, reason)) queue.push(r.path);
  };
  const command = (name: string, kind: string, reason: string, required: boolean): void => {
    const r = findCommand(fs, name, opts.searchPath, opts.workdir);
    if (r !== undefined) addResolved(r, kind, reason);
    else if (required) throw missingCommand(name, reason, opts);
    else unresolved.push(`${name} (${reason})`);
  };
  for (const root of roots) {
    const [argv0, ...args] = root.argv;
    if (argv0 === undefined) continue;
    command(argv0, 'executable', `${root.label} command ${argv0}`, true);
    for (const a of args) addArgument(fs, a, root.label, opts.workdir, add);
  }
  let setup: LoaderSetup | undefined;
  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    // the loader's cache rides along with the first batch: one pass over the layers saved
    const bodies = await fs.readFiles(setup === undefined ? [...batch, LD_CACHE] : batch);
    for (const path of batch) {
      const body = bodies.get(path);
      if (body === undefined) continue;
      if (isElf(body)) {
        const elf = readElf(body, path, opts);
        if (elf.interpreter !== undefined) {
          const r = resolvePath(fs, elf.interpreter);
          if (r.exists) addResolved(r, 'interpreter', `PT_INTERP of /${path}`);
          else unresolved.push(`${elf.interpreter} (PT_INTERP of /${path})`);
        }
        if (elf.needed.length > 0) setup ??= await loaderSetup(fs, opts, add);
        for (const name of elf.needed) {
          const found = searchLibrary(fs, setup as LoaderSetup, name, path, elf);
          if (found === undefined) unresolved.push(`${name} (DT_NEEDED of /${path})`);
          else addResolved(found, 'needed', `DT_NEEDED ${name} of /${path} (found through ${found.via})`);
        }
        continue;
      }
      const sb = parseShebang(body);
      if (sb === undefined) continue;
      const r = resolvePath(fs, sb.interpreter);
      if (!r.exists) {
        unresolved.push(`${sb.interpreter} (shebang of /${path})`);
        continue;
      }
      addResolved(r, 'shebang', `shebang interpreter of /${path}`);
      if (sb.envCommand !== undefined)
        command(sb.envCommand, 'shebang', `command ${sb.envCommand} of /${path}'s #!/usr/bin/env`, false);
    }
  }
  return { needs: [...needs.values()], unresolved };
}

function readElf(body: Buffer, path: string, opts: ClosureOptions): ElfInfo {
  let elf: ElfInfo;
  try {
    elf = parseElf(body);
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    throw new StowageError('USAGE', `/${path} is an ELF object stowage cannot read: ${e.message}`, {
      where: { path: `/${path}` },
    });
  }
  const arch = ELF_MACHINES[elf.machine] ?? `machine ${elf.machine}`;
  if (opts.architecture !== undefined && arch !== opts.architecture) {
    throw new StowageError(
      'USAGE',
      `/${path} is an ELF for ${arch}, but the image is ${opts.architecture}: it cannot run there`,
      { where: { path: `/${path}` }, hint: 'rebuild the program for the image architecture' },
    );
  }
  return elf;
}

function missingCommand(name: string, reason: string, opts: ClosureOptions): StowageError {
  return new StowageError('NOT_FOUND', `${reason} is not in the image`, {
    where: { path: name },
    hint: name.includes('/')
      ? 'check ENTRYPOINT/CMD: the file must exist and be executable'
      : `no executable ${name} on PATH=${opts.searchPath}; check ENTRYPOINT/CMD or the image's PATH`,
  });
}

/** addArgument keeps an argument naming a file (or a whole directory) of the image. */
function addArgument(
  fs: ImageFs,
  arg: string,
  label: string,
  workdir: string,
  add: (path: string, kind: string, reason: string) => boolean,
): void {
  if (arg.startsWith('-') || arg.includes('\n')) return;
  const r = resolvePath(fs, arg, workdir);
  if (!r.exists || r.path === '.') return;
  for (const l of r.links) add(l, 'symlink', `symlink on the way to argument ${arg} of ${label}`);
  const reason = `argument ${arg} of ${label}`;
  add(r.path, 'argument', reason);
  for (const c of below(fs, r.path)) add(c.path, 'argument', `inside ${reason}`);
}

/** loaderSetup reads the loader's cache (or ld.so.conf) once and keeps the files it reads. */
async function loaderSetup(
  fs: ImageFs,
  opts: ClosureOptions,
  add: (path: string, kind: string, reason: string) => boolean,
): Promise<LoaderSetup> {
  const setup: LoaderSetup = { confDirs: [], libraryPath: opts.libraryPath };
  const cache = resolvePath(fs, `/${LD_CACHE}`);
  const body = cache.exists ? (await fs.readFiles([cache.path])).get(cache.path) : undefined;
  const entries = body === undefined ? undefined : parseLdCache(body);
  if (entries !== undefined) {
    setup.cache = entries;
    add(cache.path, 'loader', 'the dynamic loader reads its cache at every start');
    return setup;
  }
  const conf = await ldConfDirs(fs);
  setup.confDirs = conf.dirs;
  return setup;
}
