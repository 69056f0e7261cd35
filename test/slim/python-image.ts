/**
 * The Python test image: Debian's python3 installed with apt-get (from the machine's Debian mirror,
 * as the base's sources say) into a copy of the shared base rootfs, chrooted; the layer holds what
 * the install changed (found by ctime) plus a small site served by `python3 -m http.server`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebianBase } from '../fixtures/debian-base.js';
import { runText } from '../fixtures/run.js';
import { addLayer } from './slim-images.js';

/** INDEX_HTML is the page the Python image serves. */
export const INDEX_HTML = '<!doctype html><title>stowage</title><p>served by python3 -m http.server</p>\n';

/** buildPythonImage builds the image under `work` and returns its `oci:` reference. */
export async function buildPythonImage(base: DebianBase, work: string): Promise<string> {
  await mkdir(work, { recursive: true });
  const root = join(work, 'pyroot');
  await runText('cp', ['-a', base.rootfs, root]);
  const marker = join(work, 'marker');
  await writeFile(marker, '');
  await runText('chroot', [
    root,
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    'install',
    '-y',
    '-q',
    '--no-install-recommends',
    'python3',
  ]);
  await mkdir(join(root, 'app/www'), { recursive: true });
  await writeFile(join(root, 'app/www/index.html'), INDEX_HTML);
  const changed = await runText(
    'find',
    ['.', '-cnewer', marker, '!', '-path', './proc/*', '!', '-path', './dev/*'],
    { cwd: root },
  );
  const list = join(work, 'changed.txt');
  await writeFile(list, `${changed}\n`);
  const tar = join(work, 'python.tar');
  await runText('tar', ['-C', root, '--no-recursion', '--numeric-owner', '-cf', tar, '-T', list]);
  const dir = join(work, 'layout');
  await runText('cp', ['-al', base.layout, dir]);
  return addLayer(dir, tar, 'python', {
    entrypoint: ['python3', '-m', 'http.server', '8000', '--bind', '127.0.0.1'],
    workdir: '/app/www',
    ports: ['8000/tcp'],
  });
}
