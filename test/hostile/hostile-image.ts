/**
 * Hostile images for the terminal-escape tests: file names, a symlink target and config fields
 * (User, Env, Labels, history, created_by, author) that carry ESC, CR, BEL, newlines, OSC and CSI
 * sequences, a C1 control and a bidi override — written as an OCI layout by stowage's own tar
 * writer (GNU tar cannot be told to use such names) and hand-written JSON documents.
 */
import { createHash } from 'node:crypto';
import { writeTar, type TarWriteEntry } from '../../src/tar/writer.js';
import { LayoutWriter, tagged } from '../helpers/layout-fixtures.js';
import { collect } from '../helpers/byte-streams.js';

/** NASTY holds the sequences every hostile string carries. */
export const NASTY = {
  clear: '\x1b[2J\x1b[H',
  title: '\x1b]0;pwned\x07',
  hyperlink: '\x1b]8;;https://evil.example/\x1b\\',
  forgedLine: '\nstowage: no findings\n',
  cr: '\rOVERWRITTEN',
  c1: '\u009b31m',
  bidi: '\u202egnp.exe',
};

/** nasty is `base` with every sequence of NASTY appended. */
export function nasty(base: string): string {
  return base + Object.values(NASTY).join('');
}

function sha256(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

async function layerTar(entries: TarWriteEntry[]): Promise<Buffer> {
  return collect(
    writeTar(
      (async function* () {
        yield* entries;
      })(),
    ),
  );
}

/**
 * writeHostileImage writes an OCI layout with two layers under tag `tag`; the second layer
 * overwrites and deletes hostile-named files so waste, diff and layers have changes to show.
 */
export async function writeHostileImage(dir: string, tag: string, variant = ''): Promise<string> {
  const name = nasty(`evil${variant}`);
  const base = await layerTar([
    { path: 'etc', type: 'dir', mode: 0o755 },
    { path: `etc/${name}`, type: 'file', mode: 0o644, body: Buffer.from('x'.repeat(4096)) },
    { path: `etc/${nasty('gone')}`, type: 'file', mode: 0o644, body: Buffer.from('y'.repeat(2048)) },
    { path: `etc/${nasty('link')}`, type: 'symlink', linkTarget: nasty('/target') },
    { path: 'etc/secret.env', type: 'file', mode: 0o4777, body: Buffer.from(nasty('AWS_SECRET=')) },
  ]);
  const top = await layerTar([
    { path: 'etc', type: 'dir', mode: 0o755 },
    { path: `etc/${name}`, type: 'file', mode: 0o644, body: Buffer.from('z'.repeat(8192)) },
    { path: `etc/.wh.${nasty('gone')}`, type: 'file', mode: 0o644, body: Buffer.alloc(0) },
  ]);
  const w = new LayoutWriter(dir);
  const media = 'application/vnd.oci.image.layer.v1.tar';
  const layers = [await w.blob(base, media), await w.blob(top, media)];
  const config = {
    architecture: 'amd64',
    os: 'linux',
    author: nasty('author'),
    created: '2024-01-01T00:00:00Z',
    config: {
      User: nasty('root'),
      Env: [nasty('PATH=/bin'), `${nasty('TOKEN')}=${nasty('v')}`],
      Labels: { [nasty('label')]: nasty('value') },
      Cmd: [nasty('/bin/sh')],
      WorkingDir: nasty('/work'),
    },
    rootfs: { type: 'layers', diff_ids: [sha256(base), sha256(top)] },
    history: [
      { created_by: nasty('/bin/sh -c #(nop) ADD base'), comment: nasty('c') },
      { created_by: nasty('RUN echo'), empty_layer: true },
      { created_by: nasty(`/bin/sh -c rm ${variant}`) },
    ],
  };
  const cfg = await w.json(config, 'application/vnd.oci.image.config.v1+json');
  await w.finish([tagged(await w.manifest(cfg, layers), tag)]);
  return dir;
}
