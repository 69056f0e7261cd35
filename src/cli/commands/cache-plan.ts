/**
 * `stowage build-cache plan [DOCKERFILE]`: every step's cache key and the files each COPY/ADD selects.
 */
import { readDirContext } from '../../dockerfile/cache/fs-context.js';
import { planDockerfileText } from '../../dockerfile/cache/plan.js';
import { buildCachePlanReport } from '../../report/cache-plan-report.js';
import { renderCachePlanText } from '../../report/render/cache-plan-text.js';
import type { CommandContext } from '../command.js';
import { readCacheInputs } from './cache-inputs.js';

/** runCachePlan prints the plan. */
export async function runCachePlan(ctx: CommandContext, dockerfileArg: string | undefined): Promise<void> {
  const inputs = await readCacheInputs(ctx, dockerfileArg);
  ctx.progress.update('reading the build context …');
  const plan = await planDockerfileText(
    inputs.dockerfileText,
    await readDirContext(inputs.contextDir),
    inputs.plan,
  );
  const doc = buildCachePlanReport({ ...plan, dockerfile: inputs.dockerfile });
  ctx.out(
    ctx.global.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderCachePlanText(doc, ctx.style),
  );
}
