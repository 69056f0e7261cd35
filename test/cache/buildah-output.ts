/**
 * Reads `buildah bud --layers` output: which step of which stage reported "Using cache".
 */

/** BuildahStep is one non-FROM step of the output, 0-based stage and instruction index. */
export interface BuildahStep {
  stage: number;
  index: number;
  hit: boolean;
}

/** parseBuildahSteps lists every step after FROM with whether buildah used its cache. */
export function parseBuildahSteps(output: string): BuildahStep[] {
  const steps: (BuildahStep & { from: boolean })[] = [];
  for (const line of output.split('\n')) {
    const m = /^(?:\[(\d+)\/\d+\] )?STEP (\d+)\/\d+: (\S+)/.exec(line);
    if (m !== null) {
      steps.push({
        stage: Number(m[1] ?? '1') - 1,
        index: Number(m[2]) - 1,
        hit: false,
        from: m[3] === 'FROM',
      });
    } else if (/^--> Using cache /.test(line) && steps.length > 0) {
      steps[steps.length - 1]!.hit = true;
    }
  }
  return steps.filter((s) => !s.from).map(({ stage, index, hit }) => ({ stage, index, hit }));
}

/** firstMisses maps each stage to the index of its first step buildah did not take from cache. */
export function firstMisses(steps: BuildahStep[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const s of steps) {
    if (!out.has(s.stage)) out.set(s.stage, null);
    if (!s.hit && out.get(s.stage) === null) out.set(s.stage, s.index);
  }
  return out;
}
