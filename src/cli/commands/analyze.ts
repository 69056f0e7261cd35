/**
 * `stowage analyze IMAGE`: the summary a newcomer wants first — the image, its layers and the waste
 * highlights — from one read of the layers.
 */
import { buildAnalyzeReport } from '../../report/analyze-report.js';
import { renderAnalyzeText } from '../../report/render/analyze-text.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { readWaste } from './read-layers.js';

/** analyzeCommand summarises an image. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'summarise an image: what it runs, every layer’s changes, and where bytes are wasted',
  synopsis: 'IMAGE',
  description:
    'Reads every layer once (content hashed) and combines inspect, layers and waste.\n' +
    'With --format json prints a stowage.analyze/v1 document (see docs/json-output.md).',
  options: [{ name: 'top', type: 'string', valueName: 'N', description: 'items per list (default 5)' }],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const top = intOption(ctx.values.top, 'top', 5);
    const { facts, stack, waste } = await readWaste(ctx, ctx.args[0] as string, top);
    const report = buildAnalyzeReport(facts, stack, waste, { top });
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderAnalyzeText(report, { style: ctx.style }),
    );
  },
};
