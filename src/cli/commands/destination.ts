/**
 * The `--to DEST` option of the commands that write an image (pull, optimize): its definition and
 * the usage error when it is missing.
 */
import { StowageError } from '../../model/errors.js';
import type { CommandContext } from '../command.js';
import type { OptionDef } from '../options.js';

/** destinationOption declares `--to DEST` with the command's own description of DEST. */
export function destinationOption(description: string): OptionDef {
  return { name: 'to', type: 'string', valueName: 'DEST', description };
}

/** requireDestination returns --to, or throws a usage error naming `command` and an `example`. */
export function requireDestination(ctx: CommandContext, command: string, example: string): string {
  const to = ctx.values.to;
  if (typeof to !== 'string') {
    throw new StowageError('USAGE', `${command} needs --to DEST`, { hint: `e.g. ${example}` });
  }
  return to;
}
