/**
 * fixDockerfile: lint, apply every safe fix that does not overlap another, re-parse and repeat
 * until nothing more can be fixed (a merged RUN may need its own fixes on the next round).
 */
import { lintDockerfile, type LintOptions } from '../engine.js';
import type { Finding } from '../types.js';
import { withFixes } from './fixers.js';
import { applyEdits } from './text-edits.js';

/** AppliedFix records one finding that was fixed, with its line in the text it was found in. */
export interface AppliedFix {
  ruleId: string;
  line: number;
  description: string;
}

/** FixOutcome is the fixed text, what was fixed, and the findings left on the fixed text. */
export interface FixOutcome {
  text: string;
  changed: boolean;
  applied: AppliedFix[];
  remaining: Finding[];
}

const MAX_ROUNDS = 8;

/** fixDockerfile fixes `text` with the same options lintDockerfile takes. */
export async function fixDockerfile(text: string, opts: LintOptions = {}): Promise<FixOutcome> {
  let current = text;
  const applied: AppliedFix[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await lintDockerfile(current, opts);
    const fixable = withFixes(result.dockerfile, result.findings).filter((f) => f.fix !== undefined);
    const edits = fixable.flatMap((f) => f.fix!.edits);
    const { text: next, applied: done } = applyEdits(current, edits);
    if (done.length === 0 || next === current)
      return { text: current, changed: current !== text, applied, remaining: result.findings };
    const doneSet = new Set(done);
    for (const f of fixable) {
      if (f.fix!.edits.every((e) => doneSet.has(e)))
        applied.push({ ruleId: f.ruleId, line: f.line, description: f.fix!.description });
    }
    current = next;
  }
  const last = await lintDockerfile(current, opts);
  return { text: current, changed: current !== text, applied, remaining: last.findings };
}
