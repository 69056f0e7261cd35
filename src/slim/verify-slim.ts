/**
 * verifySlim: runs the slim image in the same runner with the same probes as the original and
 * compares their answers. Verified only when every answer matches; otherwise the differences and
 * the paths the slim run looked for in vain (that the original image has) say what to --include.
 */
import type { LayerStack } from '../filetree/layer-stack.js';
import type { Image } from '../model/image.js';
import { missingPaths, observeRun } from './observe.js';
import { compareRuns } from './probes.js';
import type { SandboxRun } from './sandbox/sandbox-run.js';
import type { SlimOptions, SlimPlan } from './slim-plan.js';

/** Verification is the outcome of running the slim image. */
export interface Verification {
  verified: boolean;
  differences: string[];
  /** paths the slim run did not find that the original image has */
  missing: string[];
  slim: SandboxRun;
}

/** verifySlim runs `slim` (whose stacked layers are `slimStack`) and compares it with the plan's original run. */
export async function verifySlim(
  slim: Image,
  slimStack: LayerStack,
  plan: SlimPlan & { original: SandboxRun },
  opts: SlimOptions,
): Promise<Verification> {
  const run = await observeRun(
    slim,
    slimStack.tree,
    plan.facts,
    opts.probes,
    opts.timeoutMs,
    opts.onProgress ?? (() => {}),
  );
  const differences = compareRuns(plan.original, run);
  const missing = missingPaths(plan.fs, plan.kept, run, plan.facts.workdir);
  return { verified: differences.length === 0, differences, missing, slim: run };
}
