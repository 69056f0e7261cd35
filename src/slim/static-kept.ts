/**
 * staticKept: slim's static closure — the commands of ENTRYPOINT + CMD and --include-exe with all
 * they load (see executable/closure), the always-kept files, and --include paths (a directory with
 * everything below it), each with its reason. Needs no engine: it reads only the image.
 */
import { commandClosure, type CommandRoot } from '../executable/closure.js';
import { DEFAULT_PATH } from '../executable/find-command.js';
import { below, type ImageFs } from '../executable/image-fs.js';
import { normalizePath, resolvePath } from '../executable/resolve-path.js';
import type { ImageConfig } from '../model/config.js';
import { StowageError } from '../model/errors.js';
import { addAlwaysKept } from './always-kept.js';
import { KeptSet } from './kept-set.js';

/** RuntimeFacts are the parts of an image config that decide what runs and how. */
export interface RuntimeFacts {
  /** ENTRYPOINT + CMD as one command line (empty when the image has neither) */
  argv: string[];
  env: Record<string, string>;
  /** the working directory, normalised (`.` for /) */
  workdir: string;
}

/** runtimeFacts reads the command line, environment and working directory of `config`. */
export function runtimeFacts(config: ImageConfig): RuntimeFacts {
  const c = config.config;
  const env: Record<string, string> = {};
  for (const kv of c.Env ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  env.PATH ??= DEFAULT_PATH;
  return {
    argv: [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])],
    env,
    workdir: normalizePath(c.WorkingDir ?? '/'),
  };
}

/** SlimTargets are what the user asked to keep besides the entrypoint. */
export interface SlimTargets {
  /** commands (names on PATH or paths) kept with their closure */
  includeExe: readonly string[];
  /** paths kept as they are (a directory with everything below it) */
  include: readonly string[];
}

/** StaticResult is the static closure and what it could not resolve. */
export interface StaticResult {
  kept: KeptSet;
  unresolved: string[];
}

/** staticKept computes the static kept set of an image. */
export async function staticKept(
  fs: ImageFs,
  config: ImageConfig,
  facts: RuntimeFacts,
  targets: SlimTargets,
): Promise<StaticResult> {
  const roots: CommandRoot[] = [];
  if (facts.argv.length > 0) {
    roots.push({ argv: facts.argv, label: config.config.Entrypoint?.length ? 'ENTRYPOINT' : 'CMD' });
  }
  for (const exe of targets.includeExe) roots.push({ argv: [exe], label: `--include-exe ${exe}` });
  if (roots.length === 0) {
    throw new StowageError('USAGE', 'the image has no ENTRYPOINT or CMD: there is nothing to keep', {
      hint: 'name the programs to keep with --include-exe NAME (e.g. --include-exe /app/server)',
    });
  }
  const closure = await commandClosure(fs, roots, {
    searchPath: facts.env.PATH ?? DEFAULT_PATH,
    libraryPath: (facts.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== ''),
    workdir: facts.workdir,
    architecture: config.architecture,
  });
  const kept = new KeptSet();
  for (const n of closure.needs) kept.add(n.path, n.kind, n.reason);
  addAlwaysKept(fs, kept, facts.workdir);
  for (const p of targets.include) addInclude(fs, kept, p, facts.workdir);
  return { kept, unresolved: closure.unresolved };
}

/** addInclude keeps an --include path (with everything below a directory); absent is an error. */
export function addInclude(fs: ImageFs, kept: KeptSet, path: string, workdir: string): void {
  const r = resolvePath(fs, path, workdir);
  if (!r.exists) {
    throw new StowageError('NOT_FOUND', `--include ${path} is not in the image`, {
      where: { path },
      hint: 'give a path that exists in the image (stowage tree IMAGE lists them)',
    });
  }
  const why = `--include ${path}`;
  for (const l of r.links) kept.add(l, 'symlink', `symlink on the way to ${why}`);
  if (r.path !== '.') kept.add(r.path, 'include', why);
  for (const n of below(fs, r.path)) kept.add(n.path, 'include', `inside ${why}`);
}
