/**
 * Hostile images: an OCI layout written from tar entries (by stowage's own tar writer: GNU tar
 * cannot be told to use names with control characters) and a config given as JSON text, so a test
 * can hand over any document; and an image whose file names, symlink target and config fields
 * (User, Env, Labels, history, created_by, author) carry ESC, CR, BEL, newlines, OSC and CSI
 * sequences, a C1 control and a bidi override.
 */
import { createHash } from 'node:crypto';
import { writeTar, type TarWriteEntry } from '../../src/tar/writer.js';
import { LayoutWriter, tagged } from '../helpers/layout-fixtures.js';
import { collect } from '../helpers/byte-streams.js';

/** NASTY holds the sequences every hostile string carries. */
export const NASTY = {
  clear: '\x1b[2J\x1b[H',
  title: '\x1b]0;pwned\x07',
  hyperlink: '\x1b]8;;https:evil.example\x1b\\',
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

/** LayoutImage describes an image to write: its layers' entries and the config's other fields. */
export interface LayoutImage {
  layers: TarWriteEntry[][];
  /** config fields besides architecture, os and rootfs */
  config?: Record<string, unknown>;
  /** the whole config as JSON text (rootfs included), instead of `config` */
  configText?: (diffIds: string[]) => string;
}

/** writeLayoutImage writes `image` as an OCI layout at `dir` under `tag`; returns `oci:DIR:TAG`. */
export async function writeLayoutImage(dir: string, tag: string, image: LayoutImage): Promise<string> {
  const w = new LayoutWriter(dir);
  const media = 'application/vnd.oci.image.layer.v1.tar';
  const tars = await Promise.all(image.layers.map(layerTar));
  const layers = await Promise.all(tars.map((t) => w.blob(t, media)));
  const diffIds = tars.map(sha256);
  const text =
    image.configText?.(diffIds) ??
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      ...image.config,
      rootfs: { type: 'layers', diff_ids: diffIds },
    });
  const cfg = await w.blob(Buffer.from(text), 'application/vnd.oci.image.config.v1+json');
  await w.finish([tagged(await w.manifest(cfg, layers), tag)]);
  return `oci:${dir}:${tag}`;
}

/**
 * writeHostileImage writes an OCI layout with two layers under tag `tag`; the second layer
 * overwrites and deletes hostile-named files so waste, diff and layers have changes to show.
 */
export function writeHostileImage(dir: string, tag: string, variant = ''): Promise<string> {
  const name = nasty(`evil${variant}`);
  return writeLayoutImage(dir, tag, {
    layers: [
      [
        { path: 'etc', type: 'dir', mode: 0o755 },
        { path: `etc/${name}`, type: 'file', mode: 0o644, body: Buffer.from('x'.repeat(4096)) },
        { path: `etc/${nasty('gone')}`, type: 'file', mode: 0o644, body: Buffer.from('y'.repeat(2048)) },
        { path: `etc/${nasty('link')}`, type: 'symlink', linkTarget: nasty('/target') },
        { path: 'etc/secret.env', type: 'file', mode: 0o4777, body: Buffer.from(nasty('AWS_SECRET=')) },
      ],
      [
        { path: 'etc', type: 'dir', mode: 0o755 },
        { path: `etc/${name}`, type: 'file', mode: 0o644, body: Buffer.from('z'.repeat(8192)) },
        { path: `etc/.wh.${nasty('gone')}`, type: 'file', mode: 0o644, body: Buffer.alloc(0) },
      ],
    ],
    config: {
      author: nasty('author'),
      created: '2024-01-01T00:00:00Z',
      config: {
        User: nasty('root'),
        Env: [nasty('PATH=/bin'), `${nasty('TOKEN')}=${nasty('v')}`],
        Labels: { [nasty('label')]: nasty('value') },
        Cmd: [nasty('/bin/sh')],
        WorkingDir: nasty('/work'),
      },
      history: [
        { created_by: nasty('/bin/sh -c #(nop) ADD base'), comment: nasty('c') },
        { created_by: nasty('RUN echo'), empty_layer: true },
        { created_by: nasty(`/bin/sh -c rm ${variant}`) },
      ],
    },
  });
}
