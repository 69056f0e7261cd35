/**
 * Build sequences: the instructions one build runs in order, with the WORKDIR in force at each.
 * Every stage gives one sequence of its own instructions and, when it has ONBUILD triggers, a second
 * one of the triggers (they run, in order, in a later build that uses this image as its base).
 */
import type { Instruction, ParsedDockerfile, Stage } from '../../../../dockerfile/model.js';
import { unquote } from '../../../../dockerfile/words.js';
import { resolve } from './paths.js';

/** Step is one instruction of a sequence and the working directory it runs in. */
export interface Step {
  ins: Instruction;
  workdir: string;
}

/** Sequence is the instructions (FROM and ONBUILD wrappers left out) one build runs in a stage. */
export interface Sequence {
  stage: Stage;
  onbuild: boolean;
  steps: Step[];
}

const cache = new WeakMap<ParsedDockerfile, Sequence[]>();

/** sequences lists each stage's own sequence, then its ONBUILD sequence if any, in stage order. */
export function sequences(df: ParsedDockerfile): Sequence[] {
  const hit = cache.get(df);
  if (hit !== undefined) return hit;
  const out: Sequence[] = [];
  const endWorkdir: string[] = [];
  for (const stage of df.stages) {
    const start = stage.fromStage !== undefined ? (endWorkdir[stage.fromStage] ?? '/') : '/';
    const own = walk(
      stage.instructions.filter((i) => i.kind !== 'FROM' && i.kind !== 'ONBUILD'),
      start,
    );
    out.push({ stage, onbuild: false, steps: own.steps });
    endWorkdir[stage.index] = own.workdir;
    const triggers = stage.instructions.flatMap((i) =>
      i.kind === 'ONBUILD' && i.trigger ? [i.trigger] : [],
    );
    if (triggers.length > 0) out.push({ stage, onbuild: true, steps: walk(triggers, own.workdir).steps });
  }
  cache.set(df, out);
  return out;
}

function walk(list: Instruction[], start: string): { steps: Step[]; workdir: string } {
  let workdir = start;
  const steps: Step[] = [];
  for (const ins of list) {
    if (ins.kind === 'WORKDIR' && ins.args.trim() !== '')
      workdir = resolve(workdir, unquote(ins.args.trim()));
    steps.push({ ins, workdir });
  }
  return { steps, workdir };
}

/** runCommands lists the simple commands of a RUN's scripts (none for exec form). */
export function runCommands(ins: Instruction): NonNullable<Instruction['shell']>[number]['commands'] {
  return (ins.shell ?? []).flatMap((s) => s.commands);
}

/** hasCacheMount is true when a RUN has `--mount=type=cache…`. */
export function hasCacheMount(ins: Instruction): boolean {
  return ins.flags.some((f) => f.name === 'mount' && /(^|,)type=cache(,|$)/.test(f.value ?? ''));
}
