/**
 * Writers against hostile destinations: `--to` a FIFO, a character device or a symbolic link is
 * refused (exit 2) and left as it was; a damaged blob of the right size, or a FIFO, in an existing
 * target layout is replaced by the real blob (sha256sum checks it); ordinary destination errors
 * (missing directory, a directory or a file in the way, no permission) are exit 2 with a hint.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, readdir, readlink, symlink, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type CliResult } from '../cli/cli-harness.js';
import { removeDir, tempDir } from '../helpers/layout-fixtures.js';
import { writeLayoutImage } from './hostile-image.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
let dir: string;
let src: string;

beforeAll(async () => {
  dir = await tempDir('stowage-dest-');
  src = await writeLayoutImage(join(dir, 'src'), 'v1', {
    layers: [[{ path: 'etc/motd', type: 'file', mode: 0o644, body: Buffer.from('hello\n'.repeat(1000)) }]],
  });
});
afterAll(() => removeDir(dir));

function expectRefused(r: Pick<CliResult, 'code' | 'stdout' | 'stderr'>, what: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(what);
  expect(r.stderr).toMatch(/^stowage: hint: /m);
  expect(r.stderr).not.toContain('internal error');
}

describe('special destinations are refused', () => {
  it('a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const kind of ['oci-archive', 'docker-archive']) {
      expectRefused(await run(['pull', src, '--to', `${kind}:${fifo}`]), /the destination .*fifo is a FIFO/);
    }
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('a character device', async () => {
    const dev = join(dir, 'null-device');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    expectRefused(await run(['pull', src, '--to', `oci-archive:${dev}`]), /is a character device/);
    expect((await lstat(dev)).isCharacterDevice()).toBe(true);
  });

  it('a symbolic link, to a file or to a directory', async () => {
    const target = join(dir, 'real.tar');
    await writeFile(target, 'keep me');
    const link = join(dir, 'link.tar');
    await symlink(target, link);
    expectRefused(await run(['pull', src, '--to', `oci-archive:${link}`]), /is a symbolic link/);
    const dirLink = join(dir, 'layout-link');
    await symlink(dir, dirLink);
    expectRefused(await run(['pull', src, '--to', `oci:${dirLink}`]), /is a symbolic link/);
    expect(await readlink(link)).toBe(target);
    expect(await readdir(dir)).not.toContain('index.json');
  });
});

describe('ordinary destination errors are exit 2 with what to do', () => {
  it('a missing directory', async () => {
    expectRefused(await run(['pull', src, '--to', `oci-archive:${dir}/no/such/dir/x.tar`]), /does not exist/);
  });
  it('a directory where an archive should go', async () => {
    await mkdir(join(dir, 'a-dir'));
    expectRefused(await run(['pull', src, '--to', `oci-archive:${dir}/a-dir`]), /is a directory/);
  });
  it('a file where a layout should go', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    expectRefused(await run(['pull', src, '--to', `oci:${dir}/a-file`]), /is a regular file/);
  });
  it.skipIf(process.getuid?.() !== 0)(
    'a directory without write permission (run as nobody; needs root)',
    async () => {
      const locked = join(dir, 'locked');
      await mkdir(locked);
      await chmod(dir, 0o755);
      await chmod(locked, 0o555);
      await access(BIN, constants.R_OK); // the build (npm test builds first), as bin.test.ts needs
      const p = spawnSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          BIN,
          'pull',
          src,
          '--to',
          `oci-archive:${locked}/x.tar`,
        ],
        { encoding: 'utf8' },
      );
      expectRefused(
        { code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr },
        /cannot write .*locked.*: permission denied/,
      );
    },
  );
});

describe('an existing target layout', () => {
  async function layerBlob(layout: string): Promise<string> {
    const r = await run(['inspect', '--format', 'json', `oci:${layout}:v1`]);
    const doc = JSON.parse(r.stdout) as { layers: { digest: string }[] };
    return join(layout, 'blobs', 'sha256', (doc.layers[0] as { digest: string }).digest.slice(7));
  }

  it('a damaged blob of the right size is replaced', async () => {
    const out = join(dir, 'damaged');
    expect((await run(['pull', src, '--to', `oci:${out}:v1`])).code).toBe(0);
    const blob = await layerBlob(out);
    const fh = await open(blob, 'r+');
    await fh.write(Buffer.from([0xff, 0x00, 0xff]), 0, 3, 100);
    await fh.close();
    expect((await run(['inspect', `oci:${out}:v1`])).code).toBe(2);
    expect((await run(['pull', src, '--to', `oci:${out}:v1`])).code).toBe(0);
    const sum = execFileSync('sha256sum', [blob], { encoding: 'utf8' }).slice(0, 64);
    expect(blob.endsWith(sum)).toBe(true);
    expect((await run(['inspect', `oci:${out}:v1`])).code).toBe(0);
  });

  it('a FIFO in place of a blob is replaced without blocking, and refused when read', async () => {
    const out = join(dir, 'fifo-blob');
    expect((await run(['pull', src, '--to', `oci:${out}:v1`])).code).toBe(0);
    const blob = await layerBlob(out);
    await writeFile(`${blob}.keep`, '');
    execFileSync('sh', ['-c', `rm "${blob}" && mkfifo "${blob}"`]);
    const read = await run(['inspect', `oci:${out}:v1`]);
    expectRefused(read, /a FIFO where a file was expected/);
    expect((await run(['pull', src, '--to', `oci:${out}:v1`])).code).toBe(0);
    expect((await lstat(blob)).isFile()).toBe(true);
    expect((await run(['inspect', `oci:${out}:v1`])).code).toBe(0);
  }, 20_000);
});
