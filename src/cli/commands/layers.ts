/**
 * `stowage layers IMAGE`: per layer, what it added, modified and deleted, the bytes it stores and
 * hides below it, and its largest changes.
 */
import { buildLayersReport } from '../../report/layers-report.js';
import { renderLayersText } from '../../report/render/layers-text.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { readLayers } from './read-layers.js';

/** layersCommand lists each layer's change set. */
export const layersCommand: Command = {
  name: 'layers',
  summary: 'show what each layer added, modified and deleted, and the bytes it hides below it',
  synopsis: 'IMAGE',
  description:
    'Reads and stacks every layer (whiteouts and opaque directories applied, content hashed).\n' +
    'With --format json prints a stowage.layers/v1 document (see docs/json-output.md).',
  options: [
    {
      name: 'largest',
      type: 'string',
      valueName: 'N',
      description: 'largest changes listed per layer (default 5)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const { facts, stack } = await readLayers(ctx, ctx.args[0] as string);
    const report = buildLayersReport(facts, stack, { largest: intOption(ctx.values.largest, 'largest', 5) });
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderLayersText(report, { style: ctx.style }),
    );
  },
};
