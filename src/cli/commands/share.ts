/**
 * `stowage share IMAGE…`: how a set of images shares layers — per image shared and unique bytes,
 * the shared layers, and what a registry (by digest) and a host (by ChainID) store and save.
 */
import { shareImages } from '../../analysis/share/share-images.js';
import type { Image } from '../../model/image.js';
import { renderShareText } from '../../report/render/share-text.js';
import { buildShareReport } from '../../report/share-report.js';
import type { Command } from '../command.js';

/** shareCommand analyses layer sharing across images. */
export const shareCommand: Command = {
  name: 'share',
  summary: 'measure layer sharing across images: unique vs total bytes, what a registry or host saves',
  synopsis: 'IMAGE…',
  description:
    'Compressed bytes count blobs by digest (what a registry stores); uncompressed bytes count unpacked\n' +
    'layers by ChainID (what a docker or containerd host stores). Each distinct layer is read once to\n' +
    'measure its uncompressed size. With --format json prints a stowage.share/v1 document.',
  args: { min: 1, max: 64 },
  async run(ctx) {
    const images: Image[] = [];
    for (const ref of ctx.args) images.push(await ctx.openImage(ref));
    ctx.progress.update(`measuring ${images.length} images …`);
    const report = buildShareReport(await shareImages(images, ctx.args));
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderShareText(report, { style: ctx.style }),
    );
  },
};
