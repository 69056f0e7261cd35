/**
 * `stowage cat`: any file as the final image shows it or as any layer stores it. GNU tar is the
 * oracle — `tar -xzO` of a layer's blob gives the bytes that layer stores — for an overwritten
 * file's lower version, the final version and a hard link's target; deleted paths, symlinks and
 * missing entries are exit-2 errors naming the layer and path.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openImage, openLayerFile } from '../../src/index.js';
import { run } from '../cli/cli-harness.js';
import { collect } from '../helpers/byte-streams.js';
import { runTool, tempDir } from '../helpers/layout-fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { type Layout, tarOf, writeLayout } from './layer-images.js';

let work: string;
let image: Layout;

/** tarX is GNU tar's view: the bytes of member `name` in a layer blob. */
const tarX = (blob: string, name: string) => runTool('tar', ['-xzO', '-f', blob, name]);

describeWithTools('stowage cat', ['tar', 'gzip'], () => {
  beforeAll(async () => {
    work = await tempDir('stowage-cat-');
    const base = await tarOf(work, async (d) => {
      await mkdir(join(d, 'etc'));
      await mkdir(join(d, 'usr/bin'), { recursive: true });
      await writeFile(join(d, 'etc/config'), randomBytes(300_000));
      await writeFile(join(d, 'usr/bin/tool'), 'tool v1\n');
      await symlink('tool', join(d, 'usr/bin/alias'));
    });
    const over = await tarOf(work, async (d) => {
      await mkdir(join(d, 'etc'));
      await mkdir(join(d, 'lib'));
      await writeFile(join(d, 'etc/config'), randomBytes(200_000));
      await writeFile(join(d, 'lib/a'), randomBytes(70_000));
      await link(join(d, 'lib/a'), join(d, 'lib/b'));
    });
    const removal = await tarOf(work, async (d) => {
      await mkdir(join(d, 'usr/bin'), { recursive: true });
      await writeFile(join(d, 'usr/bin/.wh.tool'), '');
    });
    image = await writeLayout(join(work, 'layout'), [base, over, removal]);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('prints an overwritten file’s lower version as tar -xO of that layer’s blob', async () => {
    const r = await run(['cat', image.ref, '/etc/config', '--layer', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lower = tarX(image.blobs[0] as string, './etc/config');
    expect(lower.length).toBe(300_000);
    expect(r.bytes.equals(lower)).toBe(true);
  });

  it('prints the final version by default', async () => {
    const r = await run(['cat', image.ref, 'etc/config']);
    expect(r.code).toBe(0);
    expect(r.bytes.equals(tarX(image.blobs[1] as string, './etc/config'))).toBe(true);
  });

  it('follows a hard link to its target’s bytes', async () => {
    const r = await run(['cat', image.ref, 'lib/b', '--layer', '1']);
    expect(r.code).toBe(0);
    expect(r.bytes.equals(tarX(image.blobs[1] as string, './lib/a'))).toBe(true);
  });

  it('prints a version a later layer deleted, with --layer', async () => {
    const gone = await run(['cat', image.ref, 'usr/bin/tool']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(
      /^stowage: error: the final image has no such path \(path usr\/bin\/tool\)\nstowage: hint: /,
    );
    const r = await run(['cat', image.ref, 'usr/bin/tool', '--layer', '0']);
    expect(r.stdout).toBe('tool v1\n');
  });

  it('names the layer and path when the layer holds no entry for it', async () => {
    const r = await run(['cat', image.ref, 'usr/bin/tool', '--layer', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /layer 1 stores no entry for this path \(layer 1, sha256:[0-9a-f]{64}, path usr\/bin\/tool\)/,
    );
    expect(r.stderr).toMatch(/^stowage: error: .*\nstowage: hint: .*\n$/);
  });

  it('refuses a symlink, naming its target', async () => {
    const r = await run(['cat', image.ref, 'usr/bin/alias', '--layer', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a regular file: a symlink to tool');
  });

  it('is the library’s openLayerFile', async () => {
    const img = await openImage(image.ref);
    const f = await openLayerFile(img, 1, 'lib/b');
    expect(f.entry.type).toBe('hardlink');
    expect(f.content.entry.path).toBe('lib/a');
    expect((await collect(f.body)).equals(tarX(image.blobs[1] as string, './lib/a'))).toBe(true);
  });
});
