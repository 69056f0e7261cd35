/**
 * What every `build-cache` subcommand reads from the command line: the context directory, the
 * Dockerfile (and its path inside the context, for `<Dockerfile>.dockerignore`), the builder, build
 * args and target.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BUILDERS, type Builder, type PlanOptions } from '../../dockerfile/cache/model.js';
import { StowageError } from '../../model/errors.js';
import type { CommandContext } from '../command.js';
import { stringListOption } from './string-list-option.js';

/** CacheInputs are the resolved common options. */
export interface CacheInputs {
  contextDir: string;
  dockerfile: string;
  dockerfileText: string;
  plan: PlanOptions & { dockerfilePath: string };
}

/** parseBuildArgs reads `--build-arg K=V` (a bare `K` takes the value from the environment, as docker does). */
export function parseBuildArgs(
  values: string[],
  env: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq === -1) {
      const fromEnv = env[v];
      if (fromEnv !== undefined) out[v] = fromEnv;
    } else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** readCacheInputs resolves the common options; `dockerfileArg` is the optional positional. */
export async function readCacheInputs(
  ctx: CommandContext,
  dockerfileArg: string | undefined,
): Promise<CacheInputs> {
  const contextDir = resolve(typeof ctx.values.context === 'string' ? ctx.values.context : '.');
  const dockerfile = resolve(dockerfileArg ?? join(contextDir, 'Dockerfile'));
  const builder = typeof ctx.values.builder === 'string' ? ctx.values.builder : 'buildkit';
  if (!BUILDERS.includes(builder as Builder)) {
    throw new StowageError('USAGE', `--builder ${builder} is not known`, {
      hint: `use one of: ${BUILDERS.join(', ')}`,
    });
  }
  let dockerfileText: string;
  try {
    dockerfileText = await readFile(dockerfile, 'utf8');
  } catch (e) {
    throw new StowageError('NOT_FOUND', 'cannot read the Dockerfile', {
      where: { file: dockerfile },
      hint: 'name it as the first argument or put a Dockerfile in the --context directory',
      cause: e,
    });
  }
  const target = typeof ctx.values.target === 'string' ? ctx.values.target : undefined;
  return {
    contextDir,
    dockerfile,
    dockerfileText,
    plan: {
      builder: builder as Builder,
      buildArgs: parseBuildArgs(stringListOption(ctx.values['build-arg']), ctx.io.env),
      dockerfilePath: relative(contextDir, dockerfile).split('\\').join('/'),
      ...(target !== undefined && { target }),
    },
  };
}
