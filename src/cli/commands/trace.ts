/**
 * `stowage trace IMAGE PATH`: every layer that touched a path, with its instruction and size.
 */
import { renderTraceText } from '../../report/render/trace-text.js';
import { buildTraceReport } from '../../report/trace-report.js';
import type { Command } from '../command.js';
import { readLayers } from './read-layers.js';

/** traceCommand follows one path through the layers. */
export const traceCommand: Command = {
  name: 'trace',
  summary: 'show every layer that added, changed, deleted or hid a path',
  synopsis: 'IMAGE PATH',
  description:
    'PATH is absolute or relative to the image root. For a directory, also lists what each layer changed below it.\n' +
    'With --format json prints a stowage.trace/v1 document (see docs/json-output.md).',
  args: { min: 2, max: 2 },
  async run(ctx) {
    const { facts, stack } = await readLayers(ctx, ctx.args[0] as string);
    const report = buildTraceReport(facts, stack, ctx.args[1] as string);
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderTraceText(report, { style: ctx.style }),
    );
  },
};
