/**
 * STW009: a `RUN <<EOF` script of several commands without `set -e`. The builder runs a heredoc
 * with a plain `sh` (no `-e`), so a failing command in the middle does not fail the build; only
 * the last command's status counts. Start the script with `set -e` (or `set -eux`).
 */
import type { Instruction, ParsedDockerfile } from '../../../dockerfile/model.js';
import type { ShellScript } from '../../../dockerfile/shell/model.js';
import type { Report, Rule } from '../types.js';
import { basename } from './stw-lib/command-line.js';
import { sequences, type Sequence } from './stw-lib/sequences.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** setsErrexit is true for option words that turn on errexit: `-e`, `-eux`, `-o errexit`. */
function setsErrexit(args: readonly string[]): boolean {
  return args.some((a, k) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a) || (a === '-o' && args[k + 1] === 'errexit'));
}

/** shellHasErrexit says whether the SHELL in force before step `at` of `seq` runs with `-e`. */
function shellHasErrexit(df: ParsedDockerfile, seq: Sequence, at: number): boolean {
  let shell: Instruction | undefined = seq.steps
    .slice(0, at)
    .map((s) => s.ins)
    .filter((i) => i.kind === 'SHELL')
    .pop();
  let stage = seq.stage;
  while (shell === undefined && stage.fromStage !== undefined) {
    stage = df.stages[stage.fromStage]!;
    shell = stage.instructions.filter((i) => i.kind === 'SHELL').pop();
  }
  return shell?.exec !== undefined && setsErrexit(shell.exec.slice(1));
}

/** unguarded is true when a heredoc script has two or more statements and no leading `set -e`. */
function unguarded(script: ShellScript): boolean {
  const shebang = /^#!\s*(\S+)(.*)$/.exec(script.source.split('\n', 1)[0] ?? '');
  if (shebang !== null) {
    const words = [basename(shebang[1]!), ...shebang[2]!.trim().split(/\s+/)];
    const interp = words[0] === 'env' ? words[1] : words[0];
    if (interp === undefined || !SHELLS.has(interp)) return false;
    if (setsErrexit(words.slice(1))) return false;
  }
  const statements = [...new Set(script.commands.map((c) => c.statement))].sort((a, b) => a - b);
  if (statements.length < 2) return false;
  const first = statements[0];
  return !script.commands.some((c) => c.name === 'set' && c.statement === first && setsErrexit(c.args));
}

/** heredocErrexitRule is STW009. */
export const heredocErrexitRule: Rule = {
  id: 'STW009',
  severity: 'warning',
  description:
    'A RUN heredoc with several commands has no `set -e`: heredocs run without -e, so a failing command in the middle does not fail the build. Start it with `set -e`.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      for (const [at, { ins }] of seq.steps.entries()) {
        if (ins.kind !== 'RUN') continue;
        const scripts = (ins.shell ?? []).filter((s) => s.origin === 'heredoc' && unguarded(s));
        if (scripts.length === 0 || shellHasErrexit(dockerfile, seq, at)) continue;
        const heredoc = ins.heredocs[0];
        yield {
          span: ins.span,
          message: `The heredoc script${heredoc !== undefined ? ` <<${heredoc.delimiter}` : ''} runs several commands without \`set -e\`: only the last one's failure fails the build. Add \`set -e\` (or \`set -eux\`) as its first line.`,
        };
      }
    }
  },
};
