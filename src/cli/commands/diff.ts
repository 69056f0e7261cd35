/**
 * `stowage diff A B`: shared layers and the bytes to pull, per-layer alignment, file-level changes
 * of the final filesystems, config and history differences.
 */
import { diffImages } from '../../analysis/diff/diff-images.js';
import { readImageStack } from '../../filetree/read-image.js';
import { buildDiffReport } from '../../report/diff-report.js';
import { renderDiffText } from '../../report/render/diff-text.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';

/** diffCommand compares two images. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two images: shared layers, bytes to pull, files, config and history',
  synopsis: 'A B',
  description:
    'Files are compared on type, size, sha256, mode, owner, link target and xattrs (not mtime);\n' +
    'a change is "content" when type, size or sha256 differ, else "metadata". Exit code 0 either way.\n' +
    'With --format json prints a stowage.diff/v1 document.',
  options: [
    {
      name: 'top',
      type: 'string',
      valueName: 'N',
      description: 'file changes listed in text output (default all)',
    },
  ],
  args: { min: 2, max: 2 },
  async run(ctx) {
    const [refA, refB] = ctx.args as [string, string];
    const top = ctx.values.top === undefined ? undefined : intOption(ctx.values.top, 'top', 0);
    const a = await ctx.openImage(refA);
    const b = await ctx.openImage(refB);
    ctx.progress.update(`reading ${refA} …`);
    const stackA = await readImageStack(a);
    ctx.progress.update(`reading ${refB} …`);
    const stackB = await readImageStack(b);
    const report = buildDiffReport(refA, refB, await diffImages(a, b, { stackA, stackB }));
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderDiffText(report, { style: ctx.style, ...(top !== undefined ? { top } : {}) }),
    );
  },
};
