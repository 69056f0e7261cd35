/**
 * DL3059's fix: merge a RUN into the RUN right before it (`RUN a` + `RUN b` → `RUN a && b`) when
 * that cannot change what runs: same stage, both plain shell form (no flags such as --mount, no
 * heredocs, no parse errors), nothing between them but blank lines, no SHELL override in the
 * stage, and the first RUN leaves no shell state behind (cd, export, set, source, exit…).
 */
import type { Instruction, ParsedDockerfile } from '../../../dockerfile/model.js';
import { commandsOf } from '../helpers.js';
import type { Fix } from '../types.js';

/** Commands whose effect on the shell would carry into the merged RUN's second part. */
const STATEFUL = new Set([
  '',
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'unset',
  'source',
  '.',
  'umask',
  'ulimit',
  'alias',
  'shopt',
  'trap',
  'exec',
  'exit',
  'return',
  'readonly',
  'local',
  'declare',
  'typeset',
  'eval',
]);

function plainShell(ins: Instruction): boolean {
  return (
    ins.kind === 'RUN' &&
    ins.form === 'shell' &&
    ins.flags.length === 0 &&
    ins.heredocs.length === 0 &&
    (ins.shell ?? []).every((s) => s.error === undefined)
  );
}

/** mergeRunsFix merges `second` into the RUN before it, or returns null when that is not safe. */
export function mergeRunsFix(df: ParsedDockerfile, second: Instruction): Fix | null {
  const at = df.instructions.indexOf(second);
  const first = df.instructions[at - 1];
  if (first === undefined || first.stageIndex !== second.stageIndex) return null;
  if (!plainShell(first) || !plainShell(second)) return null;
  const stage = df.stages[second.stageIndex];
  if (stage === undefined || stage.instructions.some((i) => i.kind === 'SHELL')) return null;
  const cmds = commandsOf(first).map((v) => v.cmd);
  if (cmds.length === 0 || cmds.some((c) => STATEFUL.has(c.name) || c.after === '&')) return null;
  // A shell comment at the end of the first RUN would swallow the merged second part.
  if (/(^|\s)#/.test(first.args)) return null;
  // Only blank lines may separate them: a comment would land inside the continuation.
  const between = df.text.split('\n').slice(first.span.end.line, second.span.start.line - 1);
  if (between.some((l) => l.trim() !== '')) return null;
  const lead = /^\S+\s+/.exec(second.raw);
  if (lead === null) return null;
  return {
    description: 'merge into the RUN above',
    edits: [
      {
        span: {
          start: first.span.end,
          end: { line: second.span.start.line, column: second.span.start.column + lead[0].length },
        },
        newText: ` ${df.escape}\n    && `,
      },
    ],
  };
}
