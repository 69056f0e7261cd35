/**
 * Fixes that add an option right after a package manager's verb: `apt-get install
 * --no-install-recommends` (DL3015), `apk add --no-cache` (DL3019), `pip install --no-cache-dir`
 * (DL3042).
 */
import type { Instruction } from '../../../dockerfile/model.js';
import type { SimpleCommand } from '../../../dockerfile/shell/model.js';
import { commandsOf } from '../helpers.js';
import type { Fix, TextEdit } from '../types.js';

/** OptionFix says which commands get which option. */
export interface OptionFix {
  /** program names (`pip`, `pip3`) whose `verb` word gets the option */
  programs: readonly string[];
  verb: string;
  option: string;
  /** present is true when the command already has the option (or an equivalent). */
  present(cmd: SimpleCommand): boolean;
}

/** optionEdits inserts `option` after the verb of every matching command of a RUN that lacks it. */
export function optionEdits(ins: Instruction, spec: OptionFix): Fix | null {
  const edits: TextEdit[] = [];
  for (const { cmd } of commandsOf(ins)) {
    const nameAt = cmd.words.findIndex((w) => spec.programs.includes(w.value.replace(/^.*\//, '')));
    if (nameAt < 0 || spec.present(cmd)) continue;
    const verb = cmd.words.slice(nameAt + 1).find((w) => w.value === spec.verb);
    if (verb === undefined) continue;
    edits.push({ span: { start: verb.span.end, end: verb.span.end }, newText: ` ${spec.option}` });
  }
  return edits.length === 0 ? null : { description: `add ${spec.option} to ${spec.verb}`, edits };
}

/** NO_INSTALL_RECOMMENDS is DL3015's fix. */
export const NO_INSTALL_RECOMMENDS: OptionFix = {
  programs: ['apt-get'],
  verb: 'install',
  option: '--no-install-recommends',
  present: (cmd) =>
    cmd.args.includes('--no-install-recommends') || cmd.args.includes('APT::Install-Recommends=false'),
};

/** APK_NO_CACHE is DL3019's fix. */
export const APK_NO_CACHE: OptionFix = {
  programs: ['apk'],
  verb: 'add',
  option: '--no-cache',
  present: (cmd) => cmd.args.includes('--no-cache'),
};

/** PIP_NO_CACHE_DIR is DL3042's fix. */
export const PIP_NO_CACHE_DIR: OptionFix = {
  programs: ['pip', 'pip3'],
  verb: 'install',
  option: '--no-cache-dir',
  present: (cmd) => cmd.args.includes('--no-cache-dir'),
};
