/**
 * `stowage build-cache churn [DOCKERFILE] --commits N`: misses per step over the last N commits of
 * the context's git history, and a reordering that would have missed less.
 */
import { cacheChurn } from '../../dockerfile/cache/churn.js';
import { GitRepo } from '../../dockerfile/cache/git-context.js';
import { buildCacheChurnReport } from '../../report/cache-churn-report.js';
import { renderCacheChurnText } from '../../report/render/cache-churn-text.js';
import type { CommandContext } from '../command.js';
import { readCacheInputs } from './cache-inputs.js';
import { intOption } from './int-option.js';

/** runCacheChurn prints the churn report. */
export async function runCacheChurn(ctx: CommandContext, dockerfileArg: string | undefined): Promise<void> {
  const inputs = await readCacheInputs(ctx, dockerfileArg);
  const commits = intOption(ctx.values.commits, 'commits', 20);
  const repo = await GitRepo.open(inputs.contextDir);
  try {
    ctx.progress.update(`replaying ${commits} commits …`);
    const doc = buildCacheChurnReport(await cacheChurn(repo, { ...inputs.plan, commits }));
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(doc, null, 2)}\n`
        : renderCacheChurnText(doc, ctx.style),
    );
  } finally {
    repo.close();
  }
}
