/**
 * Rule builders for the common shapes: a rule that flags single shell commands, and one that judges
 * a whole RUN by its command list. Both look at ONBUILD RUN triggers too.
 */
import type { Instruction } from '../../dockerfile/model.js';
import type { SimpleCommand } from '../../dockerfile/shell/model.js';
import { commandsOf, eachCommand, eachInstruction } from './helpers.js';
import type { Report, Rule, Severity } from './types.js';

/** RuleInfo is a rule's identity. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

/** commandRule reports every RUN command for which `bad` holds, at the command. */
export function commandRule(info: RuleInfo, bad: (cmd: SimpleCommand) => boolean): Rule {
  return {
    ...info,
    *check({ dockerfile }): Iterable<Report> {
      for (const { cmd } of eachCommand(dockerfile)) if (bad(cmd)) yield { span: cmd.span };
    },
  };
}

/** runRule reports a RUN (at the instruction) when `fails` holds for its commands. */
export function runRule(info: RuleInfo, fails: (cmds: SimpleCommand[], ins: Instruction) => boolean): Rule {
  return {
    ...info,
    *check({ dockerfile }): Iterable<Report> {
      for (const { ins } of eachInstruction(dockerfile, 'RUN')) {
        if (
          fails(
            commandsOf(ins).map((v) => v.cmd),
            ins,
          )
        )
          yield { span: ins.span };
      }
    },
  };
}
