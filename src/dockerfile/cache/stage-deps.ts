/**
 * Stage dependencies: which stage a `--from=` names, and the stages a target needs (its FROM
 * chain, COPY --from and RUN --mount from= sources) — the builder builds only those.
 */
import { StowageError } from '../../model/errors.js';
import type { Flag, Instruction, ParsedDockerfile } from '../model.js';

/** stageByName resolves a stage alias or index written before stage `before`; undefined for an image. */
export function stageByName(df: ParsedDockerfile, name: string, before: number): number | undefined {
  const lower = name.toLowerCase();
  const byAlias = df.stages.find((s) => s.index < before && s.alias === lower);
  if (byAlias !== undefined) return byAlias.index;
  if (/^\d+$/.test(name) && Number(name) < before) return Number(name);
  return undefined;
}

/** mountOptions splits a `--mount` value into its `key=value` options (bare keys map to 'true'). */
export function mountOptions(flag: Flag): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (flag.value ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) out.set(part.trim(), 'true');
    else out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** sourceStages lists the stages an instruction reads (COPY --from, RUN --mount from=). */
export function sourceStages(df: ParsedDockerfile, ins: Instruction): number[] {
  const out: number[] = [];
  for (const f of ins.flags) {
    const from = f.name === 'from' ? f.value : f.name === 'mount' ? mountOptions(f).get('from') : undefined;
    if (from === undefined || from === null) continue;
    const s = stageByName(df, from, ins.stageIndex);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** targetIndex resolves `--target` (a stage name or index); default the last stage. */
export function targetIndex(df: ParsedDockerfile, target?: string): number {
  if (df.stages.length === 0) {
    throw new StowageError('USAGE', 'the Dockerfile has no FROM instruction', {
      hint: 'every build starts with FROM',
    });
  }
  if (target === undefined) return df.stages.length - 1;
  const i = stageByName(df, target, df.stages.length);
  if (i === undefined) {
    const names = df.stages.map((s) => s.alias ?? String(s.index)).join(', ');
    throw new StowageError('USAGE', `no stage named "${target}"`, { hint: `stages: ${names}` });
  }
  return i;
}

/** neededStages returns the stages building `target` requires, target included. */
export function neededStages(df: ParsedDockerfile, target: number): Set<number> {
  const need = new Set<number>();
  const visit = (i: number): void => {
    if (need.has(i)) return;
    need.add(i);
    const stage = df.stages[i]!;
    if (stage.fromStage !== undefined) visit(stage.fromStage);
    for (const ins of stage.instructions) for (const s of sourceStages(df, ins)) visit(s);
  };
  visit(target);
  return need;
}
