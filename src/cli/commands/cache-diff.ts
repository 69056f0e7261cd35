/**
 * `stowage build-cache diff [DOCKERFILE]`: what a build of the current context would rebuild with a
 * cache from an older state — `--since REV` (working tree vs a git revision; with `--rev B`,
 * revision B vs REV) or `--against DIR` (another directory) — and, with `--image`, the bytes.
 */
import { resolve } from 'node:path';
import { diffPlans } from '../../dockerfile/cache/diff.js';
import { readDirContext } from '../../dockerfile/cache/fs-context.js';
import { GitRepo, gitView } from '../../dockerfile/cache/git-context.js';
import type { BuildPlan, ContextSnapshot } from '../../dockerfile/cache/model.js';
import { planDockerfileText } from '../../dockerfile/cache/plan.js';
import { StowageError } from '../../model/errors.js';
import { buildCacheDiffReport } from '../../report/cache-diff-report.js';
import { renderCacheDiffText } from '../../report/render/cache-diff-text.js';
import type { CommandContext } from '../command.js';
import { readCacheInputs, type CacheInputs } from './cache-inputs.js';

async function planOf(inputs: CacheInputs, snap: ContextSnapshot): Promise<BuildPlan> {
  const text = (await snap.readText(inputs.plan.dockerfilePath)) ?? inputs.dockerfileText;
  return planDockerfileText(text, snap, inputs.plan);
}

/** runCacheDiff prints the predicted misses. */
export async function runCacheDiff(ctx: CommandContext, dockerfileArg: string | undefined): Promise<void> {
  const inputs = await readCacheInputs(ctx, dockerfileArg);
  const since = ctx.values.since;
  const rev = ctx.values.rev;
  const against = ctx.values.against;
  if (
    (typeof since === 'string') === (typeof against === 'string') ||
    (typeof rev === 'string' && typeof since !== 'string')
  ) {
    throw new StowageError(
      'USAGE',
      'build-cache diff needs exactly one of --since REV [--rev REV2] or --against DIR',
      {
        hint: 'e.g. `stowage build-cache diff --since HEAD~1`',
      },
    );
  }
  ctx.progress.update('reading the build contexts …');
  let before: BuildPlan;
  let after: BuildPlan;
  if (typeof against === 'string') {
    before = await planOf(inputs, await readDirContext(resolve(against)));
    after = await planOf(inputs, await readDirContext(inputs.contextDir));
  } else {
    const repo = await GitRepo.open(inputs.contextDir);
    try {
      before = await planOf(inputs, await repo.snapshot(since as string));
      const now =
        typeof rev === 'string' ? await repo.snapshot(rev) : gitView(await readDirContext(inputs.contextDir));
      after = await planOf(inputs, now);
    } finally {
      repo.close();
    }
  }
  const diff = diffPlans(before, after);
  const imageRef = ctx.values.image;
  const built =
    typeof imageRef === 'string'
      ? { plan: after, image: await ctx.openImage(imageRef), reference: imageRef }
      : undefined;
  const doc = await buildCacheDiffReport(diff, built);
  ctx.out(
    ctx.global.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderCacheDiffText(doc, ctx.style),
  );
}
