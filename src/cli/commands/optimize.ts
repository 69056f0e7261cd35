/**
 * `stowage optimize IMAGE --to DEST [--squash | --squash-from FROM] [--drop-waste] [--strip GLOB…]`:
 * writes a leaner image whose final filesystem is unchanged (except stripped paths), with a
 * before/after report. DEST is any `pull` destination or `registry:REF` (pushed).
 */
import { StowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import { optimizeImage } from '../../optimize/optimize-image.js';
import { DEFAULT_COMPRESSION, parseCompression } from '../../optimize/layer-compression.js';
import { buildOptimizeReport } from '../../report/optimize-report.js';
import { renderOptimizeText } from '../../report/render/optimize-text.js';
import type { Command, CommandContext } from '../command.js';
import { destinationOption, requireDestination, writeToDestination } from './destination.js';
import { stringListOption } from './string-list-option.js';

/** squashStart resolves --squash-from: a layer index, or a base image whose layers `image` starts with. */
async function squashStart(ctx: CommandContext, image: Image, from: string): Promise<number> {
  if (/^\d+$/.test(from)) return Number(from);
  const base = await ctx.openImage(from);
  const ours = (await image.config()).rootfs.diff_ids;
  const theirs = (await base.config()).rootfs.diff_ids;
  if (theirs.length === 0 || theirs.length > ours.length || theirs.some((d, i) => ours[i] !== d)) {
    throw new StowageError(
      'USAGE',
      `${from} is not the base of ${image.ref().display}: its layers are not the first layers of the image`,
      {
        hint: 'give the exact base image, or a layer index (stowage layers IMAGE lists them)',
      },
    );
  }
  return theirs.length;
}

/** optimizeCommand writes a squashed, waste-free or stripped copy of an image. */
export const optimizeCommand: Command = {
  name: 'optimize',
  summary: 'write a leaner image: squash layers, drop overwritten/deleted content, strip paths',
  synopsis: 'IMAGE --to DEST [--squash | --squash-from FROM] [--drop-waste] [--strip GLOB]…',
  description:
    'DEST is oci:DIR[:tag], oci-archive:FILE[:tag], docker-archive:FILE[:repo:tag] or registry:REF.\n' +
    '--drop-waste removes every file version the final filesystem no longer shows (the reclaimable bytes\n' +
    'of `stowage waste`); --squash merges all layers, --squash-from N (a layer index, or the base image)\n' +
    'merges the layers from there up so base layers stay shared; --strip removes matching paths and all\n' +
    'below them. Unchanged layers are reused byte for byte; the output is deterministic.\n' +
    'With --format json prints a stowage.optimize/v1 document.',
  options: [
    destinationOption('where to write the result'),
    { name: 'squash', type: 'boolean', description: 'squash all layers into one' },
    {
      name: 'squash-from',
      type: 'string',
      valueName: 'FROM',
      description: 'squash from layer index FROM, or above base image FROM',
    },
    {
      name: 'drop-waste',
      type: 'boolean',
      description: 'drop content overwritten or deleted by later layers',
    },
    {
      name: 'strip',
      type: 'string',
      multiple: true,
      valueName: 'GLOB',
      description: 'remove paths matching GLOB (repeatable)',
    },
    {
      name: 'compression',
      type: 'string',
      valueName: 'ALG[:LEVEL]',
      description: 'for rewritten layers: gzip (default, level 6) or zstd (level 3)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const to = requireDestination(ctx, 'optimize', 'stowage optimize app.tar --to oci:./out:v1 --drop-waste');
    const strip = stringListOption(ctx.values.strip);
    const dropWaste = ctx.values['drop-waste'] === true;
    const squashFromArg = ctx.values['squash-from'];
    if (ctx.values.squash !== true && squashFromArg === undefined && !dropWaste && strip.length === 0) {
      throw new StowageError(
        'USAGE',
        'optimize needs at least one of --squash, --squash-from, --drop-waste, --strip',
        {
          hint: 'e.g. --drop-waste to remove what `stowage waste` reports',
        },
      );
    }
    const compression =
      typeof ctx.values.compression === 'string'
        ? parseCompression(ctx.values.compression)
        : DEFAULT_COMPRESSION;
    const source = await ctx.openImage(ctx.args[0] as string);
    const squashFrom =
      typeof squashFromArg === 'string'
        ? await squashStart(ctx, source, squashFromArg)
        : ctx.values.squash === true
          ? 0
          : undefined;
    const image = optimizeImage(source, {
      dropWaste,
      strip,
      compression,
      ...(squashFrom !== undefined ? { squashFrom } : {}),
      onProgress: (m) => ctx.progress.update(m),
    });
    try {
      await writeToDestination(ctx, image, to);
      const report = buildOptimizeReport(
        {
          source: source.ref().display,
          destination: to,
          sourceDigest: await source.manifestDigest(),
          manifestDigest: await image.manifestDigest(),
        },
        { squashFrom: squashFrom ?? null, dropWaste, strip, compression },
        await image.summary(),
      );
      ctx.out(
        ctx.global.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderOptimizeText(report, { style: ctx.style }),
      );
    } finally {
      await image.close();
    }
  },
};
