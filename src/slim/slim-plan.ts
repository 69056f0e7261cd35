/**
 * planSlim: decides what a slim image keeps — the static closure, the paths an observed run of the
 * original used (when a runner is available and the mode asks for it), the always-kept files and
 * --include paths — reading the image once. The original's run is kept for verification.
 */
import { imageFs, type ImageFs } from '../executable/image-fs.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import { readImageStack } from '../filetree/read-image.js';
import type { Image } from '../model/image.js';
import { addAlwaysKept } from './always-kept.js';
import { KeptSet } from './kept-set.js';
import { addObserved, observeRun } from './observe.js';
import type { Probe } from './probes.js';
import type { SandboxRun } from './sandbox/sandbox-run.js';
import { addInclude, runtimeFacts, staticKept, type RuntimeFacts, type SlimTargets } from './static-kept.js';

/** SlimMode says where kept paths come from: the static closure, an observed run, or both. */
export type SlimMode = 'static' | 'observe' | 'both';

/** SlimOptions configure planning (and verification, which reuses the probes). */
export interface SlimOptions {
  mode: SlimMode;
  targets: SlimTargets;
  probes: readonly Probe[];
  timeoutMs: number;
  /** whether the sandbox runner can run here: without it nothing is observed or verified */
  runner: boolean;
  onProgress?: (message: string) => void;
}

/** SlimPlan is the decision and what it was made from. */
export interface SlimPlan {
  kept: KeptSet;
  /** names the static closure could not find */
  unresolved: string[];
  facts: RuntimeFacts;
  stack: LayerStack;
  fs: ImageFs;
  /** the original image's observed run, when a runner ran it */
  original?: SandboxRun;
}

/** planSlim computes the kept set of `source`. */
export async function planSlim(source: Image, opts: SlimOptions): Promise<SlimPlan> {
  const progress = opts.onProgress ?? (() => {});
  progress('reading layers …');
  const stack = await readImageStack(source);
  const fs = imageFs(source, stack.tree);
  const config = await source.config();
  const facts = runtimeFacts(config);
  progress('following executables, libraries and interpreters …');
  const closure = await staticKept(fs, config, facts, opts.targets);
  let kept = closure.kept;
  if (opts.mode === 'observe') kept = observeOnly(fs, opts, facts);
  const plan: SlimPlan = { kept, unresolved: closure.unresolved, facts, stack, fs };
  if (opts.runner && facts.argv.length > 0) {
    plan.original = await observeRun(source, stack.tree, facts, opts.probes, opts.timeoutMs, progress);
    if (opts.mode !== 'static') addObserved(fs, kept, plan.original, facts.workdir);
  }
  return plan;
}

/** observeOnly starts from the always-kept files and --include paths, without the static closure. */
function observeOnly(fs: ImageFs, opts: SlimOptions, facts: RuntimeFacts): KeptSet {
  const kept = new KeptSet();
  addAlwaysKept(fs, kept, facts.workdir);
  for (const p of opts.targets.include) addInclude(fs, kept, p, facts.workdir);
  return kept;
}
