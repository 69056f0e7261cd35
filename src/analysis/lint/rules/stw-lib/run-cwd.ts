/**
 * Follows the working directory through a RUN's scripts: each starts in WORKDIR and a top-level
 * `cd DIR` (not in a subshell) moves the commands after it.
 */
import type { Instruction } from '../../../../dockerfile/model.js';
import type { SimpleCommand } from '../../../../dockerfile/shell/model.js';
import { invocation, type Invocation } from './command-line.js';
import { resolve } from './paths.js';

/** CommandAt is a RUN's simple command, unwrapped, with the directory it runs in. */
export interface CommandAt extends Invocation {
  cmd: SimpleCommand;
  cwd: string;
}

/** commandsWithCwd lists a RUN's commands with their working directory. */
export function commandsWithCwd(ins: Instruction, workdir: string): CommandAt[] {
  const out: CommandAt[] = [];
  for (const script of ins.shell ?? []) {
    let cwd = workdir;
    for (const cmd of script.commands) {
      const inv = invocation(cmd);
      out.push({ ...inv, cmd, cwd });
      const dir = inv.args[0];
      if (
        inv.name === 'cd' &&
        cmd.depth === 0 &&
        !cmd.inSubshell &&
        dir !== undefined &&
        !dir.includes('$')
      ) {
        cwd = resolve(cwd, dir);
      }
    }
  }
  return out;
}
