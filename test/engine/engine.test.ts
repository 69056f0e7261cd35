/**
 * The docker: engine source against a real dockerd: an image loaded with `docker load` reads back
 * with the same config, diff_ids and entries as the archive it was loaded from, and the same
 * manifest as `docker save` of it read by the docker-archive source; a docker-archive written by
 * the pull writer loads and reads back the same. Missing socket and missing
 * image give NOT_FOUND errors that say what to do.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openDockerArchive } from '../../src/source/docker-archive/index.js';
import { writeImage } from '../../src/sink/index.js';
import { engineSocket, openEngine } from '../../src/source/engine/index.js';
import { openOciLayout } from '../../src/source/oci-layout/index.js';
import { getFixtures, type Fixtures } from '../fixtures/fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { summarize } from '../registry/image-summary.js';
import { startDockerd, type Dockerd } from './dockerd.js';

describeWithTools('engine source: docker', ['dockerd', 'docker', 'buildah', 'skopeo'], () => {
  let fx: Fixtures;
  let daemon: Dockerd;
  let work: string;

  beforeAll(async () => {
    fx = await getFixtures();
    work = await mkdtemp(join(tmpdir(), 'stowage-engine-'));
    daemon = await startDockerd();
    await daemon.docker(['load', '-i', fx.app.dockerArchive]);
  });
  afterAll(async () => {
    await daemon?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('reads a loaded image like the docker-archive source reads the same image', async () => {
    const cacheDir = join(work, 'cache');
    const env = { DOCKER_HOST: daemon.host };
    const root = await openEngine('docker', fx.app.dockerTag, { env, cacheDir });
    expect(root.ref).toMatchObject({
      source: 'docker',
      display: `docker:${fx.app.dockerTag}`,
      location: daemon.socket,
    });
    const got = await summarize(blobImage(root));
    const loaded = await summarize(blobImage(await openDockerArchive({ path: fx.app.dockerArchive })));
    expect(got.configDigest).toBe(loaded.configDigest);
    expect(got.diffIds).toEqual(loaded.diffIds);
    expect(got.layers).toEqual(loaded.layers);
    const saved = join(work, 'saved.tar');
    await daemon.docker(['save', '-o', saved, fx.app.dockerTag]);
    expect(got).toEqual(await summarize(blobImage(await openDockerArchive({ path: saved }))));
    const left = await readdir(join(cacheDir, 'blobs', 'sha256'));
    expect(left.filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(left.length).toBe(1);
  });

  it('loads a docker-archive written by the pull writer', async () => {
    const file = join(work, 'pulled.tar');
    const source = blobImage(await openOciLayout({ path: fx.app.ociDir, tag: fx.app.tag }));
    await writeImage(source, `docker-archive:${file}:example/pulled:v1`);
    await daemon.docker(['load', '-i', file]);
    const env = { DOCKER_HOST: daemon.host };
    const got = await summarize(
      blobImage(await openEngine('docker', 'example/pulled:v1', { env, cacheDir: join(work, 'c4') })),
    );
    const want = await summarize(source);
    expect(got.configDigest).toBe(want.configDigest);
    expect(got.diffIds).toEqual(want.diffIds);
    expect(got.layers).toEqual(want.layers);
  });

  it('names a missing image', async () => {
    const e = await openEngine('docker', 'example/nothing:here', {
      env: { DOCKER_HOST: daemon.host },
      cacheDir: join(work, 'c2'),
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(StowageError);
    expect((e as StowageError).code).toBe('NOT_FOUND');
    expect((e as StowageError).message).toContain('example/nothing:here');
  });

  it('says how to start the engine when the socket is missing', async () => {
    const socket = join(work, 'absent.sock');
    for (const [kind, env] of [
      ['docker', { DOCKER_HOST: `unix://${socket}` }],
      ['podman', { CONTAINER_HOST: `unix://${socket}` }],
    ] as const) {
      expect(engineSocket(kind, env)).toBe(socket);
      const e = await openEngine(kind, 'x', { env, cacheDir: join(work, 'c3') }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect((e as StowageError).code).toBe('NOT_FOUND');
      expect((e as StowageError).message).toContain(socket);
      expect((e as StowageError).hint).toMatch(kind === 'docker' ? /DOCKER_HOST/ : /podman/);
    }
  });
});
