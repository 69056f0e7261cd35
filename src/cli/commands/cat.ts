/**
 * `stowage cat IMAGE PATH [--layer N]`: one file's bytes to stdout, as the final image shows it or
 * as layer N stores it (a version a later layer deleted or overwrote included).
 */
import type { Readable } from 'node:stream';
import { openImageFile, openLayerFile } from '../../extract/index.js';
import type { OutStream } from '../io.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';

/** catCommand prints a file's bytes. */
export const catCommand: Command = {
  name: 'cat',
  summary: 'print one file’s bytes, as the final image shows it or as any layer stores it',
  synopsis: 'IMAGE PATH',
  description:
    'Writes the file’s content to stdout, unchanged. Without --layer, the version the final image shows;\n' +
    'with --layer N, the version layer N stores — also when a later layer deleted or overwrote it\n' +
    '(`stowage trace IMAGE PATH` lists the layers that hold a path). A hard link prints its target’s bytes.\n' +
    'A symlink or directory is an error (exit 2) that names what the path is.',
  options: [
    { name: 'layer', type: 'string', valueName: 'N', description: 'the version layer N stores (0 = base)' },
  ],
  formats: ['text'],
  args: { min: 2, max: 2 },
  async run(ctx) {
    const layer = intOption(ctx.values.layer, 'layer');
    const image = await ctx.openImage(ctx.args[0] as string);
    const path = ctx.args[1] as string;
    const file =
      layer === undefined ? await openImageFile(image, path) : await openLayerFile(image, layer, path);
    ctx.progress.clear();
    await writeAll(ctx.io.stdout, file.body);
  },
};

/** writeAll copies `body` to `out`, waiting for 'drain' when the stream asks for it. */
async function writeAll(out: OutStream, body: Readable): Promise<void> {
  for await (const chunk of body) {
    if (out.write(chunk as Buffer) === false && out.once !== undefined) {
      await new Promise<void>((resolve) => out.once?.('drain', resolve));
    }
  }
}
