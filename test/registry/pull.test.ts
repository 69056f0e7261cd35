/**
 * Offline copies of a registry image: `oci:`, `oci-archive:` and `docker-archive:` writers read
 * back with the same digests and entries, are accepted by `skopeo inspect`, and an OCI layout keeps
 * its other images. The `pull` command does the same from the command line.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Image } from '../../src/model/image.js';
import { writeImage } from '../../src/sink/index.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openDockerArchive } from '../../src/source/docker-archive/index.js';
import { openOciArchive } from '../../src/source/oci-archive/index.js';
import { openOciLayout } from '../../src/source/oci-layout/index.js';
import { openRegistry } from '../../src/source/registry/index.js';
import { run as runCli } from '../cli/cli-harness.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { summarize, type ImageSummary } from './image-summary.js';
import { skopeoCopy, startRegistry, type RegistryServer } from './registry-server.js';
import { makeTinyImage, randomLayer } from './tiny-image.js';

describeWithTools('pull: offline copies', ['docker-registry', 'skopeo', 'umoci'], () => {
  let work: string;
  let reg: RegistryServer;
  let image: Image;
  let want: ImageSummary;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-pull-'));
    const layout = join(work, 'src-layout');
    await makeTinyImage(layout, 'v1', [randomLayer(30_000), { 'etc/a': 'a\n' }, { 'etc/b': 'b\n' }], work);
    reg = await startRegistry();
    await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`);
    image = blobImage(await openRegistry(`${reg.host}/tiny:v1`, { env: {}, cacheDir: join(work, 'cache') }));
    want = await summarize(image);
  });
  afterAll(async () => {
    await reg.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('writes an OCI layout with the same manifest digest, and keeps the other entries', async () => {
    const dir = join(work, 'out-oci');
    await writeImage(image, `oci:${dir}:one`);
    await writeImage(image, `oci:${dir}:two`);
    await writeImage(image, `oci:${dir}:one`);
    const got = await summarize(blobImage(await openOciLayout({ path: dir, tag: 'two' })));
    expect(got).toEqual(want);
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      manifests: { annotations: Record<string, string> }[];
    };
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort()).toEqual([
      'one',
      'two',
    ]);
    expect(await runText('skopeo', ['inspect', '--format', '{{.Digest}}', `oci:${dir}:one`])).toBe(
      want.manifestDigest,
    );
    const files = await readdir(dir, { recursive: true });
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('writes an OCI archive that reads back identically', async () => {
    const file = join(work, 'out.oci.tar');
    await writeImage(image, `oci-archive:${file}:v1`);
    const got = await summarize(blobImage(await openOciArchive({ path: file, tag: 'v1' })));
    expect(got).toEqual(want);
    expect(await runText('skopeo', ['inspect', '--format', '{{.Digest}}', `oci-archive:${file}:v1`])).toBe(
      want.manifestDigest,
    );
  });

  it('writes a docker archive with the same config and diff_ids', async () => {
    const file = join(work, 'out.docker.tar');
    await writeImage(image, `docker-archive:${file}:example/tiny:v1`);
    const got = await summarize(blobImage(await openDockerArchive({ path: file, tag: 'example/tiny:v1' })));
    expect(got.configDigest).toBe(want.configDigest);
    expect(got.diffIds).toEqual(want.diffIds);
    expect(got.layers).toEqual(want.layers);
    const inspected = JSON.parse(await runText('skopeo', ['inspect', `docker-archive:${file}`])) as {
      Layers: string[];
      RepoTags: string[];
    };
    expect(inspected.Layers.length).toBe(want.diffIds.length);
  });

  it('pulls from the command line and prints a JSON result', async () => {
    const file = join(work, 'cli.oci.tar');
    const src = join(work, 'out-oci');
    const r = await runCli(['pull', `oci:${src}:one`, '--to', `oci-archive:${file}:x`, '--format', 'json'], {
      env: {},
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { manifestDigest: string; layers: number };
    expect(out).toMatchObject({ manifestDigest: want.manifestDigest, layers: want.diffIds.length });
    const bad = await runCli(['pull', `oci:${src}:one`, '--to', 'ftp:somewhere'], { env: {} });
    expect(bad.code).toBe(2);
  });
});
