/**
 * `stowage waste IMAGE`: exact reclaimable bytes (what a squash would remove) per reason, layer,
 * instruction and path, duplicate content, and dive's numbers labelled as dive's.
 */
import { renderWasteText } from '../../report/render/waste-text.js';
import { buildWasteReport } from '../../report/waste-report.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { readWaste } from './read-layers.js';

/** wasteCommand accounts the bytes an image stores but does not show. */
export const wasteCommand: Command = {
  name: 'waste',
  summary:
    'show reclaimable bytes: overwritten, deleted, hidden and metadata-only copies; duplicates; dive’s score',
  synopsis: 'IMAGE',
  description:
    'Reclaimable bytes are the file contents stored in some layer that the final filesystem no longer\n' +
    'shows: exactly what squashing the image would remove. dive’s numbers are shown apart, labelled.\n' +
    'With --format json prints a stowage.waste/v1 document (see docs/json-output.md).',
  options: [
    {
      name: 'top',
      type: 'string',
      valueName: 'N',
      description: 'paths and duplicate groups listed (default 20)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const top = intOption(ctx.values.top, 'top', 20);
    const { facts, waste } = await readWaste(ctx, ctx.args[0] as string, top);
    const report = buildWasteReport(facts, waste);
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderWasteText(report, { style: ctx.style }),
    );
  },
};
