/**
 * Optimised images on a real dockerd: written by stowage as docker save archives, loaded with
 * `docker load` and run with `docker run --network none`; the output must be the image's message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { optimizeImage, type OptimizeOptions } from '../../src/optimize/index.js';
import { writeDockerArchive } from '../../src/sink/index.js';
import { openImage } from '../../src/source/index.js';
import { startDockerd, type Dockerd } from '../engine/dockerd.js';
import { describeWithTools } from '../helpers/tools.js';
import { buildWasteImages, MSG_A, type WasteImages } from './waste-images.js';

const CASES: [string, OptimizeOptions][] = [
  ['drop-waste', { dropWaste: true }],
  ['squash', { squashFrom: 0 }],
  ['squash-above-base', { squashFrom: 1, strip: ['/usr/share/doc'] }],
];

describeWithTools(
  'optimize output accepted by docker load and docker run',
  ['buildah', 'dockerd', 'docker'],
  () => {
    let fx: WasteImages;
    let dockerd: Dockerd;
    let work: string;

    beforeAll(async () => {
      fx = await buildWasteImages();
      work = await mkdtemp(join(tmpdir(), 'stowage-docker-load-'));
      dockerd = await startDockerd();
    });
    afterAll(async () => {
      await dockerd?.stop();
      await fx?.cleanup();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });

    for (const [name, opts] of CASES) {
      it(`${name}: docker load, docker run --network none`, async () => {
        const image = optimizeImage(await openImage(fx.aRef), opts);
        const archive = join(work, `${name}.tar`);
        try {
          await writeDockerArchive(image, archive, `stowage/${name}:v1`);
        } finally {
          await image.close();
        }
        const loaded = (await dockerd.docker(['load', '-i', archive])).toString();
        expect(loaded).toContain(`stowage/${name}:v1`);
        const inspect = JSON.parse(
          (await dockerd.docker(['image', 'inspect', `stowage/${name}:v1`])).toString(),
        ) as {
          RootFS: { Layers: string[] };
        }[];
        const diffIds = (await image.config()).rootfs.diff_ids;
        expect(inspect[0]?.RootFS.Layers).toEqual(diffIds);
        const out = await dockerd.docker(['run', '--rm', '--network', 'none', `stowage/${name}:v1`]);
        expect(out.toString()).toBe(MSG_A);
      });
    }
  },
);
