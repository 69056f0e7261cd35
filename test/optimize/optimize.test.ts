/**
 * The optimize transforms against real tools: every output is inspected and copied to a docker
 * archive by skopeo, unpacked by umoci (final filesystem equal to the original's except paths
 * stripped on purpose), and run with buildah; drop-waste removes exactly the reclaimable bytes
 * (counted again with Python's tarfile); optimising twice gives the same digests.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeWaste } from '../../src/analysis/waste/exact-waste.js';
import { readImageStack } from '../../src/filetree/read-image.js';
import { optimizeImage, type OptimizeOptions } from '../../src/optimize/index.js';
import { writeImage } from '../../src/sink/index.js';
import { openImage } from '../../src/source/index.js';
import type { FlatNode } from '../filetree/rootfs.js';
import { Buildah } from '../fixtures/buildah.js';
import { run, runText } from '../fixtures/run.js';
import { makeTinyImage, randomLayer } from '../registry/tiny-image.js';
import { describeWithTools } from '../helpers/tools.js';
import { fsDifferences, layerFileBytes, unpackRootfs } from './rootfs-compare.js';
import { buildWasteImages, MSG_A, type WasteImages } from './waste-images.js';

interface Case {
  name: string;
  opts: OptimizeOptions;
  removed: string[];
  layers: number;
}

const CASES: Case[] = [
  { name: 'drop-waste', opts: { dropWaste: true }, removed: [], layers: 7 },
  { name: 'squash all', opts: { squashFrom: 0 }, removed: [], layers: 1 },
  { name: 'squash above the base', opts: { squashFrom: 1 }, removed: [], layers: 2 },
  {
    name: 'strip',
    opts: { strip: ['/usr/share/doc', 'var/cache/*'] },
    removed: ['usr/share/doc', 'var/cache/app'],
    layers: 7,
  },
  // data/keep-link is a hard link to data/keep: stripping the target turns the link into a file
  { name: 'strip a hard link target', opts: { strip: ['data/keep'] }, removed: ['data/keep'], layers: 7 },
  {
    name: 'all three, zstd 9',
    opts: {
      dropWaste: true,
      squashFrom: 1,
      strip: ['/usr/share/doc'],
      compression: { format: 'zstd', level: 9 },
    },
    removed: ['usr/share/doc'],
    layers: 2,
  },
];

describeWithTools(
  'optimize output accepted by skopeo, umoci and buildah',
  ['buildah', 'skopeo', 'umoci', 'python3'],
  () => {
    let fx: WasteImages;
    let work: string;
    let original: Map<string, FlatNode>;
    let buildah: Buildah;

    beforeAll(async () => {
      fx = await buildWasteImages();
      // lower case only: buildah derives an image name from the layout path
      work = join(tmpdir(), `stowage-optimize-test-${randomBytes(6).toString('hex')}`);
      await mkdir(work);
      original = await unpackRootfs(fx.aRef, join(work, 'original'));
      buildah = await Buildah.create(join(work, 'buildah'));
    });
    afterAll(async () => {
      await fx?.cleanup();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });

    for (const c of CASES) {
      it(`${c.name}: skopeo inspect/copy, umoci unpack equals the original, buildah run`, async () => {
        const slug = c.name.replace(/\W+/g, '-');
        const source = await openImage(fx.aRef);
        const image = optimizeImage(source, c.opts);
        const layout = join(work, `${slug}-oci`);
        try {
          await writeImage(image, `oci:${layout}:v1`);
          expect((await image.layers()).length).toBe(c.layers);
        } finally {
          await image.close();
        }
        const inspected = JSON.parse(await runText('skopeo', ['inspect', `oci:${layout}:v1`])) as {
          Digest: string;
          Layers: string[];
        };
        expect(inspected.Digest).toBe(await image.manifestDigest());
        expect(inspected.Layers).toHaveLength(c.layers);
        // docker archives cannot hold zstd layers (skopeo refuses), so those go to an OCI archive
        const archive =
          c.opts.compression?.format === 'zstd'
            ? `oci-archive:${join(work, `${slug}.oci.tar`)}`
            : `docker-archive:${join(work, `${slug}.docker.tar`)}`;
        await run('skopeo', ['copy', '--quiet', `oci:${layout}:v1`, `${archive}:opt/${slug}:v1`]);
        const fromArchive = JSON.parse(await runText('skopeo', ['inspect', archive])) as { Layers: string[] };
        expect(fromArchive.Layers).toHaveLength(c.layers);

        // umoci 0.4.7 reads no zstd: it unpacks skopeo's gzip re-compression of our zstd layers
        let unpackRef = `oci:${layout}:v1`;
        if (c.opts.compression?.format === 'zstd') {
          unpackRef = `oci:${layout}-gzip:v1`;
          await run('skopeo', [
            'copy',
            '--quiet',
            '--dest-compress-format',
            'gzip',
            `oci:${layout}:v1`,
            unpackRef,
          ]);
        }
        const unpacked = await unpackRootfs(unpackRef, join(work, `${slug}-bundle`));
        expect(fsDifferences(original, unpacked, c.removed)).toEqual([]);
        for (const r of c.removed) expect(unpacked.has(r)).toBe(false);

        const ctr = await buildah.exec(['from', '--quiet', `oci:${layout}:v1`]);
        try {
          expect(
            await buildah.exec(['run', '--isolation', 'chroot', ctr, '--', '/bin/cat', '/app/msg.txt']),
          ).toBe(MSG_A.trim());
        } finally {
          await buildah.exec(['rm', ctr]);
        }
      });
    }

    it('drop-waste shrinks layer file bytes by exactly the reclaimable bytes of `stowage waste`', async () => {
      const source = await openImage(fx.aRef);
      const waste = computeWaste(await readImageStack(source));
      expect(waste.totalBytes).toBeGreaterThan(64 * 1024);
      const image = optimizeImage(source, { dropWaste: true });
      const layout = join(work, 'exact-oci');
      try {
        await writeImage(image, `oci:${layout}:v1`);
      } finally {
        await image.close();
      }
      const before = await layerFileBytes(fx.a, await source.manifest());
      const after = await layerFileBytes(layout, await image.manifest());
      expect(before).toBe(waste.layerFileBytes);
      expect(before - after).toBe(waste.totalBytes);
      const reread = computeWaste(await readImageStack(await openImage(`oci:${layout}:v1`)));
      expect(reread.totalBytes).toBe(0);
      expect(reread.finalFileBytes).toBe(waste.finalFileBytes);
    });

    it('writes layers over one gzip block as several gzip members that umoci, skopeo and Python read', async () => {
      const dir = join(work, 'big-src');
      await makeTinyImage(dir, 'v1', [randomLayer(6 << 20, 'a.bin'), randomLayer(5 << 20, 'b.bin')], work);
      const image = optimizeImage(await openImage(`oci:${dir}:v1`), { squashFrom: 0 });
      const layout = join(work, 'big-oci');
      try {
        await writeImage(image, `oci:${layout}:v1`);
      } finally {
        await image.close();
      }
      const [layer] = (await image.manifest()).layers;
      expect(layer?.size).toBeGreaterThan(8 << 20);
      const blob = join(layout, 'blobs', 'sha256', layer?.digest.slice(7) ?? '');
      const members = await runText('python3', [
        '-c',
        'import sys,zlib\nd=open(sys.argv[1],"rb").read()\nn=0\nwhile d:\n  o=zlib.decompressobj(31); o.decompress(d); d=o.unused_data; n+=1\nprint(n)',
        blob,
      ]);
      expect(Number(members)).toBeGreaterThan(2);
      // both layers write etc/note.txt (`layer <8 hex>\n`); the squash keeps the second copy only
      expect(await layerFileBytes(layout, await image.manifest())).toBe(
        (6 << 20) + (5 << 20) + 'layer 00000000\n'.length,
      );
      await run('skopeo', [
        'copy',
        '--quiet',
        `oci:${layout}:v1`,
        `docker-archive:${join(work, 'big.tar')}:big/img:v1`,
      ]);
      const unpacked = await unpackRootfs(`oci:${layout}:v1`, join(work, 'big-bundle'));
      expect(
        fsDifferences(await unpackRootfs(`oci:${dir}:v1`, join(work, 'big-src-bundle')), unpacked),
      ).toEqual([]);
    });

    it('is deterministic: optimising twice gives identical manifest digests', async () => {
      const opts: OptimizeOptions = { dropWaste: true, squashFrom: 1, strip: ['/var/cache'] };
      const digests: string[] = [];
      for (const compression of [undefined, { format: 'zstd', level: 3 }] as const) {
        for (let round = 0; round < 2; round++) {
          const image = optimizeImage(await openImage(fx.aRef), {
            ...opts,
            ...(compression ? { compression } : {}),
          });
          const layout = join(work, `det-${compression?.format ?? 'gzip'}-${round}`);
          try {
            await writeImage(image, `oci:${layout}:v1`);
          } finally {
            await image.close();
          }
          digests.push(await (await openImage(`oci:${layout}:v1`)).manifestDigest());
        }
      }
      expect(digests[0]).toBe(digests[1]);
      expect(digests[2]).toBe(digests[3]);
      expect(digests[0]).not.toBe(digests[2]);
    });
  },
);
