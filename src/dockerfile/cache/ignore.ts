/**
 * The context's ignore file, found the way the builder looks for it, and the files it leaves in:
 * evaluated with @balena/dockerignore (Docker's matching: last matching pattern wins, `!` re-includes,
 * a pattern matching a directory excludes what is below it).
 */
import { createRequire } from 'node:module';
import type { BuilderRules } from './rules.js';
import type { ContextSnapshot } from './model.js';

// CommonJS whose typings declare an ES default export: load it with require (as build-context.ts does).
const ignore = createRequire(import.meta.url)(
  '@balena/dockerignore',
) as typeof import('@balena/dockerignore').default;

/** ContextFilter says which context paths the builder sends. */
export interface ContextFilter {
  /** file is the ignore file used, or null. */
  file: string | null;
  /** includes is true when `path` is part of the context the builder sees. */
  includes(path: string): boolean;
}

/** loadIgnore finds the first ignore file the builder would use and compiles it. */
export async function loadIgnore(
  ctx: ContextSnapshot,
  rules: BuilderRules,
  dockerfilePath: string,
): Promise<ContextFilter> {
  for (const file of rules.ignoreFiles(dockerfilePath)) {
    const text = await ctx.readText(file);
    if (text === undefined) continue;
    const ig = ignore().add(
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    );
    return { file, includes: (path) => !ig.ignores(path) };
  }
  return { file: null, includes: () => true };
}
