/**
 * `stowage extract IMAGE --to DIR [--layer N] [PATH…]`: write the final filesystem, or what layer N
 * stores, into DIR — contained: nothing is written outside DIR, whatever the layer's names and links.
 */
import { extractImage, type ExtractOptions } from '../../extract/index.js';
import { StowageError } from '../../model/errors.js';
import { formatBytes } from '../../report/format/size.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { readLayers } from './read-layers.js';

/** extractCommand writes an image's files into a directory. */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'write the final filesystem, or what one layer stores, into a directory',
  synopsis: 'IMAGE [PATH…]',
  description:
    'Without --layer writes the filesystem the final image shows; with --layer N writes every entry layer N\n' +
    'stores, versions later layers deleted or overwrote included (its whiteouts are not applied). PATHs\n' +
    'narrow it to those paths and what lies below them. Paths are contained the way `umoci unpack`\n' +
    'contains them: `..` stops at DIR, absolute names and symlink targets are read as if DIR were `/`,\n' +
    'and a symlink loop is an error. DIR must be empty or missing unless --force. Owners are not\n' +
    'applied, setuid/setgid bits are dropped, devices and FIFOs are skipped (and listed).\n' +
    'With --format json prints a stowage.extract/v1 document.',
  args: { min: 1, max: Infinity },
  options: [
    { name: 'to', type: 'string', valueName: 'DIR', description: 'the directory to write into (required)' },
    { name: 'layer', type: 'string', valueName: 'N', description: 'what layer N stores (0 = base)' },
    { name: 'force', type: 'boolean', description: 'write into a directory that is not empty' },
  ],
  async run(ctx) {
    const to = ctx.values.to;
    if (typeof to !== 'string' || to === '') {
      throw new StowageError('USAGE', 'extract needs --to DIR', {
        hint: 'e.g. stowage extract oci:./app --to ./rootfs',
      });
    }
    const layer = intOption(ctx.values.layer, 'layer');
    const paths = ctx.args.slice(1);
    const opts: ExtractOptions = {
      force: ctx.values.force === true,
      onLayer: (i, n) => ctx.progress.update(`extracting layer ${i + 1}/${n} …`),
      ...(paths.length > 0 && { paths }),
    };
    const loaded =
      layer === undefined
        ? await readLayers(ctx, ctx.args[0] as string)
        : { image: await ctx.openImage(ctx.args[0] as string), stack: undefined };
    if (layer !== undefined) opts.layer = layer;
    if (loaded.stack !== undefined) opts.stack = loaded.stack;
    const s = await extractImage(loaded.image, to, opts);
    const doc = {
      schema: 'stowage.extract/v1',
      reference: loaded.image.ref().display,
      manifestDigest: await loaded.image.manifestDigest(),
      to,
      layer: layer ?? null,
      paths,
      ...s,
    };
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(doc, null, 2)}\n`
        : `${doc.reference}${layer === undefined ? '' : ` layer ${layer}`} → ${to}\n` +
            `  ${s.files} files (${formatBytes(s.bytes)}), ${s.dirs} directories, ${s.symlinks} symlinks, ${s.hardlinks} hard links\n` +
            s.skipped.map((k) => `  skipped ${k.path} (${k.type}): ${k.reason}\n`).join(''),
    );
  },
};
