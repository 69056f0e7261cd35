/**
 * Short, one-line descriptions of instructions for finding messages.
 */
import type { Instruction } from '../../../../dockerfile/model.js';

/** describeInstruction is `KEYWORD args` on one line, cut to `max` characters. */
export function describeInstruction(ins: Instruction, max = 60): string {
  const text = `${ins.kind} ${ins.args}`.replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
