/**
 * The shared blob cache under load: two separate processes reading the same uncached image at
 * once both succeed and leave each blob once (no temporaries); `stowage cache prune --max-size`
 * removes the least recently used blobs first.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blobImage } from '../../src/source/blob-image.js';
import { openRegistry } from '../../src/source/registry/index.js';
import { run as runCli } from '../cli/cli-harness.js';
import { describeWithTools } from '../helpers/tools.js';
import { summarize, summarizeLayout, type ImageSummary } from './image-summary.js';
import { skopeoCopy, startRegistry, type RegistryServer } from './registry-server.js';
import { makeTinyImage, randomLayer } from './tiny-image.js';

const ROOT = join(import.meta.dirname, '..', '..');

function node(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('node', args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout),
    ),
  );
}

describeWithTools('blob cache', ['docker-registry', 'skopeo', 'umoci'], () => {
  let work: string;
  let reg: RegistryServer;
  let expected: ImageSummary;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-cache-'));
    const layout = join(work, 'layout');
    await makeTinyImage(
      layout,
      'v1',
      [randomLayer(600_000, 'a.bin'), randomLayer(300_000, 'b.bin'), randomLayer(100_000, 'c.bin')],
      work,
    );
    expected = await summarizeLayout(layout, 'v1');
    reg = await startRegistry();
    await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`);
  });
  afterAll(async () => {
    await reg.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('serves two processes reading the same uncached image at once', async () => {
    const out = join(work, 'build');
    // Compile just the reader (and what it imports) so it runs as a plain node process.
    await new Promise<void>((resolve) =>
      execFile(
        join(ROOT, 'node_modules', '.bin', 'tsc'),
        [
          '--ignoreConfig',
          '--outDir',
          out,
          '--rootDir',
          ROOT,
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--target',
          'es2022',
          '--skipLibCheck',
          '--types',
          'node',
          join(ROOT, 'test', 'registry', 'read-image-main.ts'),
        ],
        () => resolve(),
      ),
    );
    await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'));
    const main = join(out, 'test', 'registry', 'read-image-main.js');
    const cacheDir = join(work, 'shared-cache');
    const [a, b] = await Promise.all([
      node([main, `${reg.host}/tiny:v1`, cacheDir]),
      node([main, `${reg.host}/tiny:v1`, cacheDir]),
    ]);
    for (const s of [a, b]) {
      const got = JSON.parse(s) as ImageSummary;
      expect(got.diffIds).toEqual(expected.diffIds);
      expect(got.layers).toEqual(expected.layers);
    }
    const files = (await readdir(join(cacheDir, 'blobs', 'sha256'))).sort();
    const image = blobImage(await openRegistry(`${reg.host}/tiny:v1`, { env: {}, noCache: true }));
    const blobs = [(await image.manifest()).config.digest, ...(await image.layers()).map((l) => l.digest)];
    expect(files).toEqual(blobs.map((d) => d.slice(7)).sort());
  });

  it('prunes least recently used blobs down to a size cap', async () => {
    const cacheDir = join(work, 'prune-cache');
    const image = blobImage(await openRegistry(`${reg.host}/tiny:v1`, { env: {}, cacheDir }));
    await summarize(image);
    const layers = await image.layers();
    const dir = join(cacheDir, 'blobs', 'sha256');
    // Last use, oldest first: the config, then the layers from smallest to biggest.
    const now = Date.now() / 1000;
    const config = (await image.manifest()).config.digest;
    await utimes(join(dir, config.slice(7)), now - 2000, now - 2000);
    const byAge = [...layers].sort((x, y) => x.size - y.size);
    for (const [i, l] of byAge.entries())
      await utimes(join(dir, l.digest.slice(7)), now - 1000 + i * 10, now - 1000 + i * 10);
    // Reading the smallest layer again makes it the most recent of all.
    const smallest = byAge[0];
    for await (const chunk of (smallest as (typeof layers)[number]).compressed()) void chunk;
    const biggest = byAge.at(-1) as (typeof layers)[number];
    const cap = (smallest?.size ?? 0) + biggest.size;
    const r = await runCli(
      ['cache', 'prune', '--max-size', String(cap), '--cache-dir', cacheDir, '--format', 'json'],
      { env: {} },
    );
    expect(r.code).toBe(0);
    const left = await readdir(dir);
    expect(left.sort()).toEqual([smallest?.digest.slice(7), biggest.digest.slice(7)].sort());
    const kept = (await Promise.all(left.map((f) => stat(join(dir, f))))).reduce((n, s) => n + s.size, 0);
    expect(JSON.parse(r.stdout)).toMatchObject({ keptBytes: kept });
    const info = await runCli(['cache', 'info', '--cache-dir', cacheDir, '--format', 'json'], { env: {} });
    expect(JSON.parse(info.stdout)).toMatchObject({ blobs: 2, bytes: kept });
  });
});
