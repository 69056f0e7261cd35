/**
 * diffPlans: which steps a build of `after` would rebuild when the cache holds a build of `before`.
 * The cache is content-addressed: a step hits when its key is anywhere in the old build. For each
 * stage: the first missed step, why (files, args, instruction, base, a rebuilt source stage), and
 * every step rebuilt as a consequence.
 */
import type { BuildPlan, FileChangeKind, PlannedStep, SelectedFile, StepKind } from './model.js';

/** StepStatus: hit, miss, maybe (a COPY --from whose source stage was rebuilt: hits if it made the same files), uncached (no cache record), skipped (stage not needed). */
export type StepStatus = 'hit' | 'miss' | 'maybe' | 'uncached' | 'skipped';

/** FileChange is one selected path that differs. */
export interface FileChange {
  path: string;
  change: FileChangeKind;
}

/** MissCause is one reason a step's key changed. */
export interface MissCause {
  kind:
    'instruction' | 'files' | 'args' | 'workdir' | 'user' | 'base' | 'source-stage' | 'parent' | 'new-step';
  detail: string;
  /** files lists the changed context files (kind 'files'). */
  files: FileChange[];
}

/** StepOutcome is one step's predicted result. */
export interface StepOutcome {
  stage: number;
  index: number;
  line: number;
  instruction: string;
  kind: StepKind;
  status: StepStatus;
  causes: MissCause[];
}

/** StageDiff is one stage's outcome. */
export interface StageDiff {
  index: number;
  name: string | null;
  needed: boolean;
  /** firstMiss is the first step that misses (status miss), or null when the stage is all cached. */
  firstMiss: StepOutcome | null;
  /** rebuilt lists every step that misses or may miss, the first one included. */
  rebuilt: StepOutcome[];
  steps: StepOutcome[];
}

/** CacheDiff compares two plans. */
export interface CacheDiff {
  builder: BuildPlan['builder'];
  before: string;
  after: string;
  stages: StageDiff[];
}

function fileChange(a: SelectedFile, b: SelectedFile): FileChangeKind | null {
  if (a.fingerprint === b.fingerprint) return null;
  if (a.type !== b.type) return 'type';
  if (a.digest !== b.digest) return 'content';
  if (a.linkTarget !== b.linkTarget) return 'link-target';
  if (a.mode !== b.mode) return 'mode';
  return 'owner';
}

/** diffFiles lists the selected files added, removed or changed between two steps. */
export function diffFiles(before: SelectedFile[], after: SelectedFile[]): FileChange[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const out: FileChange[] = [];
  for (const f of after) {
    const o = old.get(f.path);
    old.delete(f.path);
    if (o === undefined) out.push({ path: f.path, change: 'added' });
    else {
      const change = fileChange(o, f);
      if (change !== null) out.push({ path: f.path, change });
    }
  }
  for (const path of old.keys()) out.push({ path, change: 'removed' });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function changedNames(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n] !== b[n]).sort();
}

function cause(kind: MissCause['kind'], detail: string, files: FileChange[] = []): MissCause {
  return { kind, detail, files };
}

function ownCauses(old: PlannedStep | undefined, step: PlannedStep, rebuiltStages: Set<number>): MissCause[] {
  if (old === undefined) return [cause('new-step', 'no step here in the old build')];
  const out: MissCause[] = [];
  if (old.inputs.text !== step.inputs.text) out.push(cause('instruction', `was: ${old.inputs.text}`));
  const files = diffFiles(old.inputs.files, step.inputs.files);
  if (files.length > 0) out.push(cause('files', `${files.length} selected file(s) changed`, files));
  const names = changedNames(old.inputs.env, step.inputs.env);
  if (names.length > 0) out.push(cause('args', `ARG/ENV value changed: ${names.join(', ')}`));
  if (step.kind === 'run' && old.inputs.workdir !== step.inputs.workdir)
    out.push(cause('workdir', `was ${old.inputs.workdir}`));
  if (step.kind === 'run' && old.inputs.user !== step.inputs.user)
    out.push(cause('user', `was ${old.inputs.user || '(default)'}`));
  for (const s of step.inputs.fromStages) {
    if (rebuiltStages.has(s)) out.push(cause('source-stage', `stage ${s} was rebuilt`));
  }
  return out;
}

/** diffPlans predicts the cache outcome of building `after` with a cache holding `before`. */
export function diffPlans(before: BuildPlan, after: BuildPlan): CacheDiff {
  const cache = new Set<string>();
  const optCache = new Set<string>();
  for (const stage of before.stages) {
    if (!stage.needed) continue;
    for (const step of stage.steps) {
      if (!step.cached) continue;
      cache.add(step.key);
      optCache.add(step.optimisticKey);
    }
  }
  const rebuiltStages = new Set<number>();
  const stages: StageDiff[] = [];
  for (const stage of after.stages) {
    const oldStage = before.stages[stage.index];
    const steps: StepOutcome[] = [];
    let previous: StepOutcome | undefined;
    for (const step of stage.steps) {
      const old = oldStage?.steps[step.index];
      let status: StepStatus;
      if (!stage.needed) status = 'skipped';
      else if (!step.cached) status = 'uncached';
      else if (cache.has(step.key)) status = 'hit';
      else if (optCache.has(step.optimisticKey)) status = 'maybe';
      else status = 'miss';
      let causes: MissCause[] = [];
      if (status === 'miss' || status === 'maybe') {
        causes = ownCauses(old, step, rebuiltStages);
        if (causes.length === 0) causes = [parentCause(previous, stage.steps[0], oldStage?.steps[0])];
      }
      const outcome: StepOutcome = {
        stage: stage.index,
        index: step.index,
        line: step.line,
        instruction: step.instruction,
        kind: step.kind,
        status,
        causes,
      };
      steps.push(outcome);
      if (step.cached) previous = outcome;
    }
    const rebuilt = steps.filter((s) => s.status === 'miss' || s.status === 'maybe');
    if (rebuilt.length > 0) rebuiltStages.add(stage.index);
    stages.push({
      index: stage.index,
      name: stage.name,
      needed: stage.needed,
      firstMiss: steps.find((s) => s.status === 'miss') ?? null,
      rebuilt,
      steps,
    });
  }
  return { builder: after.builder, before: before.context, after: after.context, stages };
}

function parentCause(
  previous: StepOutcome | undefined,
  from?: PlannedStep,
  oldFrom?: PlannedStep,
): MissCause {
  if (previous !== undefined && previous.status !== 'hit') {
    return cause('parent', `builds on the rebuilt step at line ${previous.line}`);
  }
  if (from !== undefined && oldFrom !== undefined && from.inputs.text !== oldFrom.inputs.text) {
    return cause('base', `base changed (was: ${oldFrom.inputs.text})`);
  }
  if (from !== undefined && from.inputs.fromStages.length > 0) {
    return cause('base', `builds on stage ${from.inputs.fromStages[0]}, which was rebuilt`);
  }
  return cause('parent', 'an earlier instruction of the stage changed');
}
