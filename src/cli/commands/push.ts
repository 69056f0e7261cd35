/**
 * `stowage push IMAGE REF`: copy an image to a registry — blobs the repository has are skipped,
 * blobs in another repository of the same registry are mounted, the rest uploaded (in chunks when
 * large), then the manifest is PUT. Digests are preserved.
 */
import { StowageError } from '../../model/errors.js';
import { pushImage } from '../../sink/registry-push/push-image.js';
import type { Command } from '../command.js';
import { intOption } from './int-option.js';
import { stringListOption } from './string-list-option.js';

/** pushCommand pushes an image to a registry. */
export const pushCommand: Command = {
  name: 'push',
  summary: 'push an image to a registry (skip existing blobs, mount, chunked upload)',
  synopsis: 'IMAGE REF',
  description:
    'REF is a registry reference such as localhost:5000/app:v1. Credentials come from --creds, or as for\n' +
    'reading (STOWAGE_REGISTRY_USERNAME/PASSWORD, docker or podman auth files, credential helpers).\n' +
    'With --format json prints a stowage.push/v1 document.',
  options: [
    {
      name: 'chunk-size',
      type: 'string',
      valueName: 'BYTES',
      description: 'upload chunk size; smaller blobs go in one PUT (default 16 MiB)',
    },
    {
      name: 'mount-from',
      type: 'string',
      multiple: true,
      valueName: 'REPO',
      description: 'repository on the same registry to mount blobs from',
    },
  ],
  args: { min: 2, max: 2 },
  async run(ctx) {
    const [from, to] = ctx.args as [string, string];
    const mount = stringListOption(ctx.values['mount-from']);
    const chunk =
      ctx.values['chunk-size'] === undefined
        ? undefined
        : intOption(ctx.values['chunk-size'], 'chunk-size', 0);
    if (chunk !== undefined && chunk < 1)
      throw new StowageError('USAGE', '--chunk-size must be at least 1 byte');
    const image = await ctx.openImage(from);
    const result = await pushImage(image, to.replace(/^(registry:|docker:\/\/)/, ''), {
      ...ctx.registryAccess,
      ...(chunk !== undefined ? { chunkSize: chunk } : {}),
      ...(mount.length > 0 ? { mountFrom: mount } : {}),
      onProgress: (m) => ctx.progress.update(m),
    });
    const doc = { schema: 'stowage.push/v1', source: image.ref().display, ...result };
    if (ctx.global.format === 'json') {
      ctx.out(`${JSON.stringify(doc, null, 2)}\n`);
      return;
    }
    const count = (o: string) => result.blobs.filter((b) => b.outcome === o).length;
    ctx.out(
      `${doc.source} → ${result.reference}\n  manifest ${result.manifestDigest}\n` +
        `  blobs: ${count('uploaded')} uploaded (${result.uploadedBytes} bytes), ${count('existed')} already present, ${count('mounted')} mounted\n`,
    );
  },
};
