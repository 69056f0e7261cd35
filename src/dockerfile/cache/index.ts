/**
 * Build-cache prediction: plans (every step's cache key), diffs between two context states, and
 * churn over git history with a reordering that would have missed less.
 */
export * from './model.js';
export { rulesFor, type BuilderRules } from './rules.js';
export { readDirContext } from './fs-context.js';
export { GitRepo, gitView } from './git-context.js';
export { loadIgnore, type ContextFilter } from './ignore.js';
export { selectSource, cleanSource, type Selection } from './select.js';
export { planBuild, planDockerfileText } from './plan.js';
export { neededStages, targetIndex } from './stage-deps.js';
export * from './diff.js';
export { cacheChurn, type Churn, type ChurnOptions, type ChurnStep, type ChurnTally } from './churn.js';
export { suggestReorder, isInstallRun, MANIFEST_FILES, type Reorder } from './reorder.js';
