/**
 * Registry push against a real docker-registry with htpasswd auth: an optimised image pushed by
 * stowage and pulled back (by stowage and by skopeo) has identical digests; a second push skips
 * every blob; a push to another repository mounts them; a small chunk size forces chunked uploads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { optimizeImage } from '../../src/optimize/index.js';
import { pushImage } from '../../src/sink/registry-push/index.js';
import { openImage } from '../../src/source/index.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { startRegistry, type RegistryServer } from '../registry/registry-server.js';
import { buildWasteImages, type WasteImages } from './waste-images.js';

const USER = 'pusher';
const PASSWORD = 'push-secret';
const creds = `${USER}:${PASSWORD}`;

describeWithTools(
  'push to a registry with auth',
  ['buildah', 'docker-registry', 'skopeo', 'htpasswd'],
  () => {
    let fx: WasteImages;
    let reg: RegistryServer;
    let work: string;

    beforeAll(async () => {
      fx = await buildWasteImages();
      work = await mkdtemp(join(tmpdir(), 'stowage-push-'));
      const htpasswd = join(work, 'htpasswd');
      await writeFile(htpasswd, `${await runText('htpasswd', ['-Bbn', USER, PASSWORD])}\n`);
      reg = await startRegistry({ htpasswd: { realm: 'stowage-push', path: htpasswd } });
    });
    afterAll(async () => {
      await reg?.stop();
      await fx?.cleanup();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });

    it('pushes an optimised image and pulls back identical digests; re-push skips, other repo mounts', async () => {
      const image = optimizeImage(await openImage(fx.aRef), { dropWaste: true, squashFrom: 1 });
      try {
        const first = await pushImage(image, `${reg.host}/opt/app:v1`, { creds, chunkSize: 16 * 1024 });
        expect(first.blobs.map((b) => b.outcome)).toEqual(['uploaded', 'uploaded', 'uploaded']);
        expect(await reg.log()).toMatch(/PATCH \/v2\/opt\/app\/blobs\/uploads\//);
        const digest = await image.manifestDigest();
        expect(first.manifestDigest).toBe(digest);

        const back = await openImage(`registry:${reg.host}/opt/app:v1`, { creds, noCache: true });
        expect(await back.manifestDigest()).toBe(digest);
        expect((await back.layers()).map((l) => l.digest)).toEqual(
          (await image.layers()).map((l) => l.digest),
        );
        // read every layer back through the registry: digests and diff_ids verified while streamed
        for (const l of await back.layers()) for await (const _ of l.uncompressed());
        const skopeo = JSON.parse(
          await runText('skopeo', [
            'inspect',
            '--tls-verify=false',
            '--creds',
            creds,
            `docker://${reg.host}/opt/app:v1`,
          ]),
        ) as { Digest: string };
        expect(skopeo.Digest).toBe(digest);

        const again = await pushImage(image, `${reg.host}/opt/app:v1`, { creds });
        expect(again.blobs.every((b) => b.outcome === 'existed')).toBe(true);
        expect(again.uploadedBytes).toBe(0);

        const other = await pushImage(image, `${reg.host}/other/app:v2`, { creds, mountFrom: ['opt/app'] });
        expect(other.blobs.every((b) => b.outcome === 'mounted')).toBe(true);
        expect(
          await (
            await openImage(`registry:${reg.host}/other/app:v2`, { creds, noCache: true })
          ).manifestDigest(),
        ).toBe(digest);
      } finally {
        await image.close();
      }
    });

    it('refuses a push without credentials', async () => {
      const image = await openImage(fx.baseRef);
      await expect(pushImage(image, `${reg.host}/opt/base:v1`)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  },
);
