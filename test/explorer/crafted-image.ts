/**
 * The explorer's second test image, built with umoci: layer 0 lays out files (among them an HTML
 * page and an SVG that try to run script, and a PNG); layer 1 overwrites a file, changes only a
 * file's mode (a chmod-only copy) and deletes a directory; layer 2 (GNU tar, `umoci raw add-layer`)
 * makes a directory opaque.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { writeOpaqueLayer } from '../fixtures/opaque-layer.js';
import { runText } from '../fixtures/run.js';

/** HOSTILE_HTML sets a flag in any window that runs it. */
export const HOSTILE_HTML =
  '<!doctype html><script>window.__pwned = 1; try { parent.__pwned = 1; top.__pwned = 1; } catch {}</script><p>hi</p>\n';
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__pwned = 1;</script></svg>\n';

/** tinyPng is a valid 2×2 PNG. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** buildCraftedImage builds the image as `LAYOUT:final` under `work` and returns the layout dir. */
export async function buildCraftedImage(work: string): Promise<string> {
  const layout = join(work, 'crafted-layout');
  await runText('umoci', ['init', '--layout', layout]);
  await runText('umoci', ['new', '--image', `${layout}:t`]);
  const bundle = join(work, 'crafted-bundle');
  await runText('umoci', ['unpack', '--image', `${layout}:t`, bundle]);
  const r = join(bundle, 'rootfs');
  for (const d of ['etc', 'data', 'www', 'tmp/old/deeper', 'opq/sub'])
    await mkdir(join(r, d), { recursive: true });
  await writeFile(join(r, 'etc/app.conf'), 'secret_level=1\n');
  await chmod(join(r, 'etc/app.conf'), 0o644);
  await writeFile(join(r, 'data/big.bin'), Buffer.alloc(40_000, 'a'));
  await writeFile(join(r, 'www/index.html'), HOSTILE_HTML);
  await writeFile(join(r, 'www/logo.svg'), HOSTILE_SVG);
  await writeFile(join(r, 'www/pixel.png'), tinyPng());
  await writeFile(join(r, 'tmp/old/x.log'), 'x'.repeat(3000));
  await writeFile(join(r, 'tmp/old/deeper/y.log'), 'y'.repeat(2000));
  await writeFile(join(r, 'opq/old'), 'old\n');
  await writeFile(join(r, 'opq/sub/old2'), 'older\n');
  await runText('umoci', ['repack', '--image', `${layout}:t`, '--refresh-bundle', bundle]);

  await writeFile(join(r, 'data/big.bin'), Buffer.alloc(50_000, 'b'));
  await chmod(join(r, 'etc/app.conf'), 0o600);
  await rm(join(r, 'tmp/old'), { recursive: true });
  await runText('umoci', ['repack', '--image', `${layout}:t`, '--refresh-bundle', bundle]);

  const opq = await writeOpaqueLayer(work, 'crafted-opq');
  await runText('umoci', ['raw', 'add-layer', '--image', `${layout}:t`, '--tag', 'final', opq]);
  return layout;
}
