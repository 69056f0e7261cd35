/**
 * Help text: the command list with global options and exit codes, and one command's usage.
 */
import type { Command } from './command.js';
import { EXIT_CODE_HELP } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { formatOptionHelp } from './options.js';

/** mainHelp is `stowage --help`. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n`).join('');
  return (
    `stowage — read container images without an engine and see every layer\n\n` +
    `Usage: stowage [options] COMMAND [args]\n\n` +
    `Commands:\n${list}\n` +
    `Images: oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE[:REPO:TAG], or a path (sniffed)\n\n` +
    `Options:\n${formatOptionHelp(GLOBAL_OPTIONS)}\n` +
    `${EXIT_CODE_HELP}\n` +
    `Run 'stowage COMMAND --help' for a command's options.\n`
  );
}

/** commandHelp is `stowage CMD --help`. */
export function commandHelp(cmd: Command): string {
  let out = `Usage: stowage ${cmd.name} [options] ${cmd.synopsis}\n\n${cmd.summary}\n`;
  if (cmd.description !== undefined) out += `\n${cmd.description.trimEnd()}\n`;
  if (cmd.options !== undefined && cmd.options.length > 0)
    out += `\nOptions:\n${formatOptionHelp(cmd.options)}`;
  out += `\nGlobal options:\n${formatOptionHelp(GLOBAL_OPTIONS)}\n${EXIT_CODE_HELP}`;
  return out;
}
