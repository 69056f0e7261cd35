/**
 * DL3009's fix: end a RUN that runs `apt-get update` with `&& rm -rf /var/lib/apt/lists/*`, when
 * its last command is a plain top-level command (not backgrounded, not inside a control structure)
 * and no later RUN of the stage needs the lists.
 */
import type { Instruction, ParsedDockerfile } from '../../../dockerfile/model.js';
import { commandsOf } from '../helpers.js';
import type { Fix } from '../types.js';

/** usesApt is true when a RUN runs apt-get or apt (which need the lists). */
function usesApt(ins: Instruction): boolean {
  return commandsOf(ins).some(({ cmd }) => cmd.name === 'apt-get' || cmd.name === 'apt');
}

/**
 * aptListsFix appends the apt lists cleanup to a shell-form RUN, or returns null when unsafe:
 * a later RUN of the same stage still uses apt (merge the RUNs first, DL3059's fix).
 */
export function aptListsFix(df: ParsedDockerfile, ins: Instruction): Fix | null {
  if (ins.form !== 'shell' || ins.heredocs.length > 0) return null;
  const stage = df.stages[ins.stageIndex];
  const later = stage?.instructions.filter((i) => i.span.start.line > ins.span.end.line) ?? [];
  if (later.some((i) => i.kind === 'RUN' && usesApt(i))) return null;
  const cmds = commandsOf(ins).map((v) => v.cmd);
  const last = cmds.reduce<(typeof cmds)[number] | undefined>(
    (a, c) =>
      a === undefined ||
      c.span.end.line > a.span.end.line ||
      (c.span.end.line === a.span.end.line && c.span.end.column > a.span.end.column)
        ? c
        : a,
    undefined,
  );
  if (
    last === undefined ||
    last.depth !== 0 ||
    last.after !== null ||
    last.inPipeline ||
    last.redirects.length > 0
  ) {
    return null;
  }
  const multiLine = ins.span.end.line > ins.span.start.line;
  const joint = multiLine ? ` ${df.escape}\n    && ` : ' && ';
  return {
    description: 'remove the apt lists in the same RUN',
    edits: [
      { span: { start: last.span.end, end: last.span.end }, newText: `${joint}rm -rf /var/lib/apt/lists/*` },
    ],
  };
}
