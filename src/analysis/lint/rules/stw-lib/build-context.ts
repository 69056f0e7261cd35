/**
 * Loads what the context-aware rules need to know about a build context directory: the ignore
 * file the builder would read (`<Dockerfile>.dockerignore` beside the Dockerfile wins over the
 * context's `.dockerignore`), evaluated with @balena/dockerignore (Docker's matching rules), and
 * which risky paths exist at the top of the context.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StowageError } from '../../../../model/errors.js';
import type { BuildContextInfo } from '../../types.js';

// @balena/dockerignore is CommonJS whose typings declare an ES default export; load it with require
// so the factory is called the same way under tsc and at run time.
const ignore = createRequire(import.meta.url)(
  '@balena/dockerignore',
) as typeof import('@balena/dockerignore').default;

/** RISKY_CONTEXT_PATHS are paths that should never reach a build context. */
export const RISKY_CONTEXT_PATHS = ['.git', 'node_modules', '.env'] as const;

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/**
 * loadBuildContext reads the context directory `dir` for a Dockerfile at `dockerfilePath`.
 * Throws StowageError('NOT_FOUND') when `dir` does not exist.
 */
export async function loadBuildContext(dir: string, dockerfilePath?: string): Promise<BuildContextInfo> {
  if (!(await exists(dir))) {
    throw new StowageError('NOT_FOUND', 'build context directory not found', {
      where: { path: dir },
      hint: 'pass an existing directory to --context',
    });
  }
  const candidates = [
    ...(dockerfilePath !== undefined ? [`${dockerfilePath}.dockerignore`] : []),
    path.join(dir, '.dockerignore'),
  ];
  let ignoreFile: string | null = null;
  for (const c of candidates) {
    if (await exists(c)) {
      ignoreFile = c;
      break;
    }
  }
  const matcher = ignore();
  if (ignoreFile !== null) matcher.add((await readFile(ignoreFile, 'utf8')).split(/\r?\n/));
  const present: string[] = [];
  for (const p of RISKY_CONTEXT_PATHS) if (await exists(path.join(dir, p))) present.push(p);
  return { dir, ignoreFile, excluded: (rel) => matcher.ignores(rel), present };
}
