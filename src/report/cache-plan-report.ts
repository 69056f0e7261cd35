/**
 * buildCachePlanReport: the `stowage.cache.plan/v1` document — every step of every stage with its
 * cache key and the context files each COPY/ADD selects (see docs/cache.md).
 */
import type { BuildPlan, SelectedFile } from '../dockerfile/cache/model.js';

/** CACHE_PLAN_SCHEMA is the `schema` value of a plan document. */
export const CACHE_PLAN_SCHEMA = 'stowage.cache.plan/v1';

/** CacheFileJson is one selected context file. */
export interface CacheFileJson {
  path: string;
  type: SelectedFile['type'];
  /** mode is octal, e.g. "0644" */
  mode: string;
  digest: string | null;
  linkTarget: string | null;
  /** owner is "uid:gid" when the builder counts it (buildah), else null */
  owner: string | null;
}

/** CachePlanStepJson is one step. */
export interface CachePlanStepJson {
  index: number;
  line: number;
  instruction: string;
  kind: string;
  cached: boolean;
  linked: boolean;
  key: string;
  files: CacheFileJson[];
  problems: string[];
}

/** CachePlanDocument is the whole document. */
export interface CachePlanDocument {
  schema: typeof CACHE_PLAN_SCHEMA;
  builder: string;
  dockerfile: string;
  context: string;
  ignoreFile: string | null;
  target: { index: number; name: string | null };
  buildArgs: Record<string, string>;
  stages: { index: number; name: string | null; needed: boolean; steps: CachePlanStepJson[] }[];
}

/** fileJson converts a selected file. */
export function fileJson(f: SelectedFile): CacheFileJson {
  return {
    path: f.path,
    type: f.type,
    mode: f.mode.toString(8).padStart(4, '0'),
    digest: f.digest ?? null,
    linkTarget: f.linkTarget ?? null,
    owner: f.owner ?? null,
  };
}

/** buildCachePlanReport turns a plan into its JSON document. */
export function buildCachePlanReport(plan: BuildPlan): CachePlanDocument {
  return {
    schema: CACHE_PLAN_SCHEMA,
    builder: plan.builder,
    dockerfile: plan.dockerfile,
    context: plan.context,
    ignoreFile: plan.ignoreFile,
    target: { index: plan.target, name: plan.stages[plan.target]?.name ?? null },
    buildArgs: plan.buildArgs,
    stages: plan.stages.map((s) => ({
      index: s.index,
      name: s.name,
      needed: s.needed,
      steps: s.steps.map((st) => ({
        index: st.index,
        line: st.line,
        instruction: st.instruction,
        kind: st.kind,
        cached: st.cached,
        linked: st.linked,
        key: st.key,
        files: st.inputs.files.map(fileJson),
        problems: st.problems,
      })),
    })),
  };
}
