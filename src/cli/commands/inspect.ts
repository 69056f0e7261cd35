/**
 * `stowage inspect IMAGE`: the image's manifest, config, history and a layer table with sizes and
 * entry counts (reads every layer once, two at a time).
 */
import { buildInspectReport, renderInspectText } from '../../index.js';
import type { Command } from '../command.js';

/** inspectCommand describes one image. */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show an image: platform, config, history and every layer with its sizes',
  synopsis: 'IMAGE',
  description:
    'Reads every layer once (verifying digests) to count entries and uncompressed bytes.\n' +
    'With --format json prints a stowage.inspect/v1 document (see docs/json-output.md).',
  args: { min: 1, max: 1 },
  async run(ctx) {
    const image = await ctx.openImage(ctx.args[0] as string);
    const report = await buildInspectReport(image, {
      onProgress: (p) => ctx.progress.update(`reading layer ${Math.min(p.done + 1, p.total)}/${p.total} …`),
    });
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderInspectText(report, { style: ctx.style }),
    );
  },
};
