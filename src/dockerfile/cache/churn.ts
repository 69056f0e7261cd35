/**
 * cacheChurn: over the last N commits, how often each step would have missed had every commit
 * been built with the previous commit's cache, and the same count for the suggested reordering.
 */
import { StowageError } from '../../model/errors.js';
import { parseDockerfile } from '../parse.js';
import { diffPlans } from './diff.js';
import type { GitRepo } from './git-context.js';
import { loadIgnore } from './ignore.js';
import type { BuildPlan, PlanOptions, StepKind } from './model.js';
import { planBuild } from './plan.js';
import { suggestReorder, type Reorder } from './reorder.js';
import { rulesFor } from './rules.js';

/** ChurnStep is one step (as in the newest Dockerfile) and how many builds rebuilt it. */
export interface ChurnStep {
  stage: number;
  index: number;
  line: number;
  instruction: string;
  kind: StepKind;
  misses: number;
}

/** ChurnTally sums one Dockerfile version's misses over the commits. */
export interface ChurnTally {
  steps: ChurnStep[];
  /** misses is the number of step rebuilds over all builds (cached steps only). */
  misses: number;
  /** runMisses counts RUN rebuilds only (usually the expensive ones). */
  runMisses: number;
}

/** Churn is the whole result. */
export interface Churn {
  builder: BuildPlan['builder'];
  /** commits are oldest first; builds = commits.length - 1 (each built on its parent's cache). */
  commits: { id: string; subject: string }[];
  current: ChurnTally;
  suggestion: (Reorder & { tally: ChurnTally }) | null;
}

/** ChurnOptions add the history length to the plan options. */
export interface ChurnOptions extends PlanOptions {
  commits: number;
}

async function tally(plans: BuildPlan[]): Promise<ChurnTally> {
  const counts = new Map<string, ChurnStep>();
  const last = plans[plans.length - 1]!;
  for (const stage of last.stages) {
    if (!stage.needed) continue;
    for (const s of stage.steps) {
      if (!s.cached) continue;
      counts.set(`${stage.index}:${s.instruction}`, {
        stage: stage.index,
        index: s.index,
        line: s.line,
        instruction: s.instruction,
        kind: s.kind,
        misses: 0,
      });
    }
  }
  let misses = 0;
  let runMisses = 0;
  for (let i = 1; i < plans.length; i++) {
    for (const sd of diffPlans(plans[i - 1]!, plans[i]!).stages) {
      for (const o of sd.rebuilt) {
        misses++;
        if (o.kind === 'run') runMisses++;
        const k = `${sd.index}:${o.instruction}`;
        const c = counts.get(k) ?? {
          stage: sd.index,
          index: o.index,
          line: o.line,
          instruction: o.instruction,
          kind: o.kind,
          misses: 0,
        };
        c.misses++;
        counts.set(k, c);
      }
    }
  }
  return { steps: [...counts.values()], misses, runMisses };
}

/** cacheChurn replays the last `opts.commits` commits of `repo` (the context directory's history). */
export async function cacheChurn(repo: GitRepo, opts: ChurnOptions): Promise<Churn> {
  const commits = await repo.commits(opts.commits);
  const dockerfilePath = opts.dockerfilePath ?? 'Dockerfile';
  const rules = rulesFor(opts.builder ?? 'buildkit');
  const plans: BuildPlan[] = [];
  const rewritten: BuildPlan[] = [];
  let suggestion: Reorder | null = null;
  for (const c of commits) {
    const ctx = await repo.snapshot(c.id);
    const text = await ctx.readText(dockerfilePath);
    if (text === undefined) {
      throw new StowageError('NOT_FOUND', `${dockerfilePath} is not in commit ${c.id.slice(0, 12)}`, {
        hint: 'lower --commits to the history that has the Dockerfile',
      });
    }
    const df = await parseDockerfile(text, { buildArgs: opts.buildArgs ?? {} });
    plans.push(await planBuild(df, ctx, opts));
    const reorder = suggestReorder(df, ctx, await loadIgnore(ctx, rules, dockerfilePath));
    if (reorder !== null) suggestion = reorder;
    const better =
      reorder === null ? df : await parseDockerfile(reorder.text, { buildArgs: opts.buildArgs ?? {} });
    rewritten.push(await planBuild(better, ctx, opts));
  }
  const current = await tally(plans);
  return {
    builder: rules.builder,
    commits,
    current,
    suggestion: suggestion === null ? null : { ...suggestion, tally: await tally(rewritten) },
  };
}
