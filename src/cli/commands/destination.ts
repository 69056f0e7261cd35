/**
 * The `--to DEST` option of the commands that write an image (pull, optimize, slim): its definition,
 * the usage error when it is missing, and writing an image there (a file sink, or a registry push).
 */
import { StowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import { writeImage } from '../../sink/index.js';
import { pushImage } from '../../sink/registry-push/push-image.js';
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

/** writeToDestination writes `image` to `to`: `registry:REF` is pushed, anything else goes to a sink. */
export async function writeToDestination(ctx: CommandContext, image: Image, to: string): Promise<void> {
  if (to.startsWith('registry:')) {
    await pushImage(image, to.slice('registry:'.length), {
      ...ctx.registryAccess,
      onProgress: (m) => ctx.progress.update(m),
    });
  } else await writeImage(image, to);
}
