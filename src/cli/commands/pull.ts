/**
 * `stowage pull IMAGE --to DEST`: copy one image (the --platform one of an index) to an OCI
 * layout, OCI archive or docker save archive for offline use; blobs are verified while copied.
 */
import { parseSinkReference, writeImage } from '../../sink/index.js';
import type { Command } from '../command.js';
import { destinationOption, requireDestination } from './destination.js';

/** pullCommand copies an image for offline use. */
export const pullCommand: Command = {
  name: 'pull',
  summary: 'copy an image to an OCI layout, OCI archive or docker archive for offline use',
  synopsis: 'IMAGE --to DEST',
  description:
    'DEST is oci:DIR[:tag], oci-archive:FILE[:tag] or docker-archive:FILE[:repo:tag].\n' +
    'An OCI layout keeps its other images; blobs are copied as stored, so digests are preserved.\n' +
    'Files are written atomically. With --format json prints a stowage.pull/v1 document.',
  options: [
    destinationOption(
      'where to write: oci:DIR[:tag], oci-archive:FILE[:tag], docker-archive:FILE[:repo:tag]',
    ),
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const to = requireDestination(ctx, 'pull', 'stowage pull nginx:1.27 --to oci:./nginx:1.27');
    const dest = parseSinkReference(to);
    const image = await ctx.openImage(ctx.args[0] as string);
    ctx.progress.update(`copying ${image.ref().display} …`);
    await writeImage(image, dest);
    const layers = await image.layers();
    const result = {
      schema: 'stowage.pull/v1',
      source: image.ref().display,
      destination: to,
      manifestDigest: await image.manifestDigest(),
      layers: layers.length,
      bytes: layers.reduce((n, l) => n + l.size, 0),
    };
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : `${result.source} → ${to}\n  manifest ${result.manifestDigest}, ${result.layers} layers, ${result.bytes} bytes\n`,
    );
  },
};
