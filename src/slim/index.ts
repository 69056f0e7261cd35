/**
 * slim: keep only what an application uses — static closure, observed runs in the sandbox runner,
 * the slim image (one layer of the kept paths) and its verification against the original.
 */
export { ALWAYS_KEPT } from './always-kept.js';
export { KeptSet, type KeptPath } from './kept-set.js';
export {
  compareRuns,
  describeProbe,
  exposedPorts,
  parseHttpProbe,
  type AppResult,
  type Probe,
  type ProbeResult,
} from './probes.js';
export { sandboxProblem } from './sandbox/sandbox-check.js';
export type { SandboxRun } from './sandbox/sandbox-run.js';
export { slimImage } from './slim-image.js';
export { planSlim, type SlimMode, type SlimOptions, type SlimPlan } from './slim-plan.js';
export { droppedDirs, keptSize, type DroppedDir, type TreeSize } from './slim-sizes.js';
export { runtimeFacts, staticKept, type RuntimeFacts, type SlimTargets } from './static-kept.js';
export { verifySlim, type Verification } from './verify-slim.js';
