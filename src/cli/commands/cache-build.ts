/**
 * `stowage build-cache plan|diff|churn`: build-cache prediction (`stowage cache` is the registry
 * blob cache). One command with three actions sharing the context, builder and build-arg options.
 */
import { StowageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { runCacheChurn } from './cache-churn.js';
import { runCacheDiff } from './cache-diff.js';
import { runCachePlan } from './cache-plan.js';

const ACTIONS = { plan: runCachePlan, diff: runCacheDiff, churn: runCacheChurn } as const;

/** buildCacheCommand predicts which build steps a change rebuilds. */
export const buildCacheCommand: Command = {
  name: 'build-cache',
  summary: 'predict build-cache misses: step keys, what a change rebuilds, churn over git history',
  synopsis: 'plan|diff|churn [DOCKERFILE]',
  description:
    'plan: every step of every stage with its cache key and the context files each COPY/ADD selects.\n' +
    'diff: the first missed step per stage, the files that caused it and every step rebuilt after it,\n' +
    '  between --since REV (working tree, or --rev REV2) or --against DIR and the --context; --image\n' +
    '  REF adds the layer bytes those steps produce.\n' +
    'churn: over the last --commits N commits, how often each step missed, and a reordering (manifests\n' +
    '  and lockfiles copied and installed before `COPY . .`) with the misses it would have had.\n' +
    'Rules follow --builder: buildkit (default; docker build) or buildah (podman build). JSON schemas:\n' +
    'stowage.cache.plan/v1, stowage.cache.diff/v1, stowage.cache.churn/v1 (docs/cache.md).',
  options: [
    { name: 'context', type: 'string', valueName: 'DIR', description: 'the build context (default .)' },
    { name: 'builder', type: 'string', valueName: 'NAME', description: 'buildkit (default) or buildah' },
    {
      name: 'build-arg',
      type: 'string',
      multiple: true,
      valueName: 'K=V',
      description: 'a build argument (repeatable)',
    },
    {
      name: 'target',
      type: 'string',
      valueName: 'STAGE',
      description: 'the stage to build (default the last)',
    },
    {
      name: 'since',
      type: 'string',
      valueName: 'REV',
      description: 'diff: the git revision the cache was built from',
    },
    {
      name: 'rev',
      type: 'string',
      valueName: 'REV2',
      description: 'diff: compare revision REV2 instead of the working tree',
    },
    {
      name: 'against',
      type: 'string',
      valueName: 'DIR',
      description: 'diff: another directory the cache was built from',
    },
    {
      name: 'image',
      type: 'string',
      valueName: 'REF',
      description: 'diff: the built image, for the bytes of rebuilt layers',
    },
    {
      name: 'commits',
      type: 'string',
      valueName: 'N',
      description: 'churn: how many commits to replay (default 20)',
    },
  ],
  args: { min: 1, max: 2 },
  async run(ctx) {
    const action = ctx.args[0] as string;
    const run = (ACTIONS as Record<string, (typeof ACTIONS)['plan'] | undefined>)[action];
    if (run === undefined) {
      throw new StowageError('USAGE', `unknown build-cache action "${action}"`, {
        hint: 'use plan, diff or churn',
      });
    }
    await run(ctx, ctx.args[1]);
  },
};
