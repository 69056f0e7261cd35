/**
 * Helpers rules share: walking instructions (ONBUILD triggers included) and RUN commands, and
 * hadolint's view of a command's flags (`--name=v` → `name`, `-abc` → `a`, `b`, `c`).
 */
import type { Instruction, ParsedDockerfile, Span, Stage } from '../../dockerfile/model.js';
import type { ShellScript, SimpleCommand } from '../../dockerfile/shell/model.js';

/** InstructionVisit is one instruction with its stage; `onbuild` marks an ONBUILD trigger. */
export interface InstructionVisit {
  ins: Instruction;
  stage?: Stage;
  onbuild: boolean;
}

/** eachInstruction yields instructions in order (ONBUILD triggers right after their ONBUILD). */
export function* eachInstruction(df: ParsedDockerfile, kind?: string | string[]): Iterable<InstructionVisit> {
  const kinds = kind === undefined ? undefined : new Set(Array.isArray(kind) ? kind : [kind]);
  for (const ins of df.instructions) {
    const stage = df.stages[ins.stageIndex];
    const visits: InstructionVisit[] = [{ ins, stage, onbuild: false }];
    if (ins.trigger !== undefined) visits.push({ ins: ins.trigger, stage, onbuild: true });
    for (const v of visits) if (kinds === undefined || kinds.has(v.ins.kind)) yield v;
  }
}

/** CommandVisit is one simple command of a RUN with its instruction and script. */
export interface CommandVisit {
  cmd: SimpleCommand;
  ins: Instruction;
  script: ShellScript;
}

/** commandsOf lists the simple commands of one RUN (all its scripts). */
export function commandsOf(ins: Instruction): CommandVisit[] {
  return (ins.shell ?? []).flatMap((script) => script.commands.map((cmd) => ({ cmd, ins, script })));
}

/** eachCommand yields every simple command of every RUN (ONBUILD RUN included), optionally by name. */
export function* eachCommand(df: ParsedDockerfile, name?: string | string[]): Iterable<CommandVisit> {
  const names = name === undefined ? undefined : new Set(Array.isArray(name) ? name : [name]);
  for (const { ins } of eachInstruction(df, 'RUN')) {
    for (const v of commandsOf(ins)) if (names === undefined || names.has(v.cmd.name)) yield v;
  }
}

/** flagsOf returns hadolint's flag names for each arg index that is a flag. */
export function flagsOf(cmd: SimpleCommand): { index: number; name: string }[] {
  const out: { index: number; name: string }[] = [];
  cmd.args.forEach((a, index) => {
    if (a === '--' || a === '-' || !a.startsWith('-')) return;
    if (a.startsWith('--')) out.push({ index, name: a.slice(2).split('=')[0]! });
    else for (const ch of a.slice(1)) out.push({ index, name: ch });
  });
  return out;
}

/** hasFlag is true when any of `names` is among the command's flags (`-y`, `-qy`, `--yes`). */
export function hasFlag(cmd: SimpleCommand, ...names: string[]): boolean {
  return flagsOf(cmd).some((f) => names.includes(f.name));
}

/** cmdHasArgs is hadolint's: the command is `name` and any of `args` is among its arguments. */
export function cmdHasArgs(cmd: SimpleCommand, name: string, args: string[]): boolean {
  return cmd.name === name && cmd.args.some((a) => args.includes(a));
}

/**
 * argsNoFlags returns the non-flag arguments; the argument after a flag in `valued` (written
 * without `=`) is dropped as that flag's value.
 */
export function argsNoFlags(cmd: SimpleCommand, valued: string[] = []): string[] {
  const flags = flagsOf(cmd);
  const flagIdx = new Set(flags.map((f) => f.index));
  const drop = new Set(
    flags.filter((f) => valued.includes(f.name) && !cmd.args[f.index]!.includes('=')).map((f) => f.index + 1),
  );
  return cmd.args.filter((_, i) => !flagIdx.has(i) && !drop.has(i));
}

/** instructionSpan is the span of an instruction's first line (where findings point). */
export function instructionSpan(ins: Instruction): Span {
  return ins.span;
}
