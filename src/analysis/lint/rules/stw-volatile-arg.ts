/**
 * STW002: an ARG or ENV whose value changes with every build (commit, build date, build number,
 * an injected version) declared before an expensive RUN that does not use it. BuildKit keys every
 * RUN on the stage's ARG and ENV values, used or not, so each new value re-runs that RUN.
 */
import type { Instruction } from '../../../dockerfile/model.js';
import { keyValues } from '../../../dockerfile/key-values.js';
import type { Report, Rule } from '../types.js';
import { isExpensiveRun } from './stw-lib/expensive-run.js';
import { sequences } from './stw-lib/sequences.js';

/** Names whose value is new on every build, whatever their default. */
const ALWAYS_VOLATILE =
  /(^|_)(COMMIT|SHA1?|GIT_?SHA|REVISION|REV|VCS_REF|DATE|TIMESTAMP|TIME|RUN_NUMBER|RUN_ID|PIPELINE_ID|JOB_ID)(_|$)|BUILD_?(NUMBER|NUM|ID|DATE|TIME)/;
/** Names that are volatile when injected at build time (no default, or a placeholder one). */
const VERSION_LIKE = /(^|_)(VERSION|VER|RELEASE)(_|$)/;
const PLACEHOLDER = /^(|dev|development|unknown|latest|local|snapshot|none|0\.0\.0|0|main|master|HEAD)$/i;

/** isVolatile says whether a declared variable's value is likely to differ from build to build. */
export function isVolatile(name: string, value: string | undefined): boolean {
  const upper = name.toUpperCase();
  if (ALWAYS_VOLATILE.test(upper)) return true;
  if (!VERSION_LIKE.test(upper)) return false;
  return value === undefined || PLACEHOLDER.test(value) || value.includes('$');
}

function uses(ins: Instruction, name: string): boolean {
  return new RegExp(`\\$\\{?${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\b`).test(ins.raw);
}

/** volatileArgRule is STW002. */
export const volatileArgRule: Rule = {
  id: 'STW002',
  severity: 'warning',
  description:
    'A per-build value (commit, build date, build number, injected version) is declared before an expensive RUN that does not use it: every new value re-runs that RUN. Declare it after the expensive steps, where it is used.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      if (seq.onbuild) continue;
      for (const [at, { ins }] of seq.steps.entries()) {
        if (ins.kind !== 'ARG' && ins.kind !== 'ENV') continue;
        const hit = keyValues(ins)
          .filter(({ key, value }) => isVolatile(key, value))
          .map(({ key }) => ({
            key,
            victim: seq.steps.slice(at + 1).find((s) => isExpensiveRun(s.ins) && !uses(s.ins, key)),
          }))
          .find((h) => h.victim !== undefined);
        if (hit?.victim === undefined) continue;
        yield {
          span: ins.span,
          message:
            `${ins.kind} ${hit.key} changes from build to build and is declared before the RUN at line ` +
            `${hit.victim.ins.span.start.line}, which does not use it: each new value re-runs that RUN and ` +
            `everything after it. Move the ${ins.kind} below the expensive steps, next to where it is used.`,
        };
      }
    }
  },
};
