/**
 * Tiny test images made with umoci in an OCI layout: a busybox-free image of a few layers whose
 * files are chosen by the test (random bytes make a layer incompressible, so its blob is large).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../fixtures/run.js';

/** TinyLayer maps file paths inside the image to their contents. */
export type TinyLayer = Record<string, string | Buffer>;

/** makeTinyImage writes an OCI layout at `dir` holding `dir:tag` with one layer per element. */
export async function makeTinyImage(
  dir: string,
  tag: string,
  layers: TinyLayer[],
  work: string,
): Promise<void> {
  await run('umoci', ['init', '--layout', dir]);
  await run('umoci', ['new', '--image', `${dir}:${tag}`]);
  const bundle = join(work, `bundle-${randomBytes(4).toString('hex')}`);
  await run('umoci', ['unpack', '--image', `${dir}:${tag}`, bundle]);
  for (const layer of layers) {
    for (const [path, body] of Object.entries(layer)) {
      const target = join(bundle, 'rootfs', path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, body);
    }
    await run('umoci', ['repack', '--refresh-bundle', '--image', `${dir}:${tag}`, bundle]);
  }
}

/** randomLayer is one layer with a file of `size` random bytes plus a small text file. */
export function randomLayer(size: number, name = 'data.bin'): TinyLayer {
  return { [`srv/${name}`]: randomBytes(size), 'etc/note.txt': `layer ${randomBytes(4).toString('hex')}\n` };
}
