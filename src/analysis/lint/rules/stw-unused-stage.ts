/**
 * STW010 (info): a stage that the last stage never uses, directly or through other stages: not
 * built upon (`FROM name`), not copied from (`COPY --from`), not mounted (`RUN --mount=from=`).
 * BuildKit skips it; the legacy builder builds it for nothing. Remove it, or build it with --target.
 */
import type { Instruction, ParsedDockerfile, Stage } from '../../../dockerfile/model.js';
import type { Report, Rule } from '../types.js';

/** stageRef finds the stage a `--from` value names (alias, case-insensitive, or index), if any. */
function stageRef(df: ParsedDockerfile, value: string, before: number): Stage | undefined {
  const v = value.toLowerCase();
  if (/^[0-9]+$/.test(v)) return df.stages[Number(v)];
  return df.stages.slice(0, before).find((s) => s.alias === v);
}

/** fromValues lists the stage names or indexes an instruction reads from. */
function fromValues(ins: Instruction): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name === 'from' && f.value !== null && (ins.kind === 'COPY' || ins.kind === 'ADD'))
      out.push(f.value);
    if (f.name === 'mount' && f.value !== null) {
      const m = /(?:^|,)from=([^,]+)/.exec(f.value);
      if (m?.[1] !== undefined) out.push(m[1]);
    }
  }
  return out;
}

/** usedStages returns the indexes of the stages the last stage needs, itself included. */
export function usedStages(df: ParsedDockerfile): Set<number> {
  const used = new Set<number>();
  const last = df.stages[df.stages.length - 1];
  const todo = last !== undefined ? [last] : [];
  while (todo.length > 0) {
    const s = todo.pop()!;
    if (used.has(s.index)) continue;
    used.add(s.index);
    if (s.fromStage !== undefined) todo.push(df.stages[s.fromStage]!);
    for (const ins of s.instructions) {
      for (const target of [ins, ...(ins.trigger ? [ins.trigger] : [])]) {
        for (const v of fromValues(target)) {
          const ref = stageRef(df, v, s.index);
          if (ref !== undefined) todo.push(ref);
        }
      }
    }
  }
  return used;
}

/** unusedStageRule is STW010. */
export const unusedStageRule: Rule = {
  id: 'STW010',
  severity: 'info',
  description:
    'This stage is not used by the last stage (no FROM, COPY --from or RUN --mount from= reaches it): remove it, or build it explicitly with --target.',
  *check({ dockerfile }): Iterable<Report> {
    const used = usedStages(dockerfile);
    for (const stage of dockerfile.stages) {
      if (used.has(stage.index)) continue;
      const name = stage.alias !== undefined ? `"${stage.alias}"` : `#${stage.index}`;
      yield {
        span: stage.instructions[0]!.span,
        message: `Stage ${name} is never used by the last stage: BuildKit skips it and the legacy builder builds it for nothing. Remove it, or build it on purpose with --target ${stage.alias ?? stage.index}.`,
      };
    }
  },
};
