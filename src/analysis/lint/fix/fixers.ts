/**
 * The fixers: for each fixable rule id, how to turn one of its findings into text edits, computed
 * from the parsed Dockerfile (rules report problems; fixers know how to repair them safely).
 */
import type { Instruction, ParsedDockerfile } from '../../../dockerfile/model.js';
import type { Finding, Fix } from '../types.js';
import { aptListsFix } from './apt-lists.js';
import { APK_NO_CACHE, NO_INSTALL_RECOMMENDS, optionEdits, PIP_NO_CACHE_DIR } from './insert-option.js';
import { mergeRunsFix } from './merge-runs.js';

/** Fixer computes the fix of one finding, or null when no safe fix exists. */
export type Fixer = (df: ParsedDockerfile, ins: Instruction) => Fix | null;

/** FIXERS maps rule ids to their fixer. */
export const FIXERS: Readonly<Record<string, Fixer>> = {
  DL3015: (_df, ins) => optionEdits(ins, NO_INSTALL_RECOMMENDS),
  DL3019: (_df, ins) => optionEdits(ins, APK_NO_CACHE),
  DL3042: (_df, ins) => optionEdits(ins, PIP_NO_CACHE_DIR),
  DL3009: aptListsFix,
  DL3059: mergeRunsFix,
};

/** FIXABLE_RULES lists the rule ids `--fix` knows how to repair. */
export const FIXABLE_RULES: readonly string[] = Object.keys(FIXERS);

/** instructionAt finds the instruction (the ONBUILD trigger, for ONBUILD) whose lines hold `line`. */
function instructionAt(df: ParsedDockerfile, line: number): Instruction | undefined {
  const ins = df.instructions.find((i) => i.span.start.line <= line && line <= i.span.end.line);
  return ins?.trigger ?? ins;
}

/** fixFor returns the finding's own fix, or the one its rule's fixer computes, or null. */
export function fixFor(df: ParsedDockerfile, finding: Finding): Fix | null {
  if (finding.fix !== undefined) return finding.fix;
  const fixer = FIXERS[finding.ruleId];
  const ins = instructionAt(df, finding.line);
  return fixer === undefined || ins === undefined ? null : fixer(df, ins);
}

/** withFixes returns the findings with `fix` filled in wherever a fixer has one. */
export function withFixes(df: ParsedDockerfile, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const fix = fixFor(df, f);
    return fix === null || f.fix !== undefined ? f : { ...f, fix };
  });
}
