/**
 * STW001: the whole source is copied before the dependencies are installed, so every source edit
 * re-runs the install. Copy the manifests first, install, then copy the rest.
 */
import type { Instruction } from '../../../dockerfile/model.js';
import type { Report, Rule } from '../types.js';
import { isBroadCopy } from './stw-lib/copy-args.js';
import { describeInstruction } from './stw-lib/describe.js';
import { dependencyStep, MANIFESTS, type DependencyStep } from './stw-lib/dependency-steps.js';
import { runCommands, sequences } from './stw-lib/sequences.js';

function stepsOf(ins: Instruction): DependencyStep[] {
  if (ins.kind !== 'RUN') return [];
  return runCommands(ins).flatMap((cmd) => dependencyStep(cmd) ?? []);
}

/** dependencyOrderRule is STW001. */
export const dependencyOrderRule: Rule = {
  id: 'STW001',
  severity: 'warning',
  description:
    'The whole source is copied before the dependencies are installed: copy the dependency manifests first, install, then copy the rest, so source edits keep the install cached.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      const at = seq.steps.findIndex((s) => isBroadCopy(s.ins));
      if (at < 0) continue;
      const before = new Set(seq.steps.slice(0, at).flatMap((s) => stepsOf(s.ins).map((d) => d.ecosystem)));
      const reported = new Set<string>();
      const copy = seq.steps[at]!.ins;
      for (const { ins } of seq.steps.slice(at + 1)) {
        for (const d of stepsOf(ins)) {
          if (before.has(d.ecosystem) || reported.has(d.ecosystem)) continue;
          reported.add(d.ecosystem);
          yield {
            span: copy.span,
            message:
              `\`${describeInstruction(copy)}\` copies the whole context before \`${d.label}\` (line ${ins.span.start.line}): ` +
              `any source edit re-runs it. Copy ${MANIFESTS[d.ecosystem] ?? 'the dependency manifests'} first, ` +
              `run \`${d.label}\`, then copy the rest.`,
          };
        }
      }
    }
  },
};
