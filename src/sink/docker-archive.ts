/**
 * Writing an image as a `docker save` archive that `docker load` accepts: the config as
 * `<hex>.json`, each layer as stored (compressed or not; docker load sniffs) as `<hex>.tar`, and
 * manifest.json naming them with the image's repo:tag. Written atomically.
 */
import { digestHex } from '../model/digest.js';
import type { Image } from '../model/image.js';
import type { TarWriteEntry } from '../tar/writer.js';
import { writeTar } from '../tar/writer.js';
import { writeFileAtomic } from './atomic-file.js';
import { imageBlobs } from './image-blobs.js';

/** writeDockerArchive writes `image` to `file`, tagged `repoTag` (e.g. `example/app:v1`) if given. */
export async function writeDockerArchive(image: Image, file: string, repoTag?: string): Promise<void> {
  const blobs = await imageBlobs(image);
  const layerNames = (await image.layers()).map((l) => `${digestHex(l.digest)}.tar`);
  const manifest = [
    {
      Config: `${digestHex((await image.manifest()).config.digest)}.json`,
      RepoTags: repoTag === undefined ? [] : [repoTag.includes(':') ? repoTag : `${repoTag}:latest`],
      Layers: layerNames,
    },
  ];
  async function* entries(): AsyncGenerator<TarWriteEntry> {
    for (const b of blobs) {
      if (b.role === 'manifest') continue;
      const name = `${digestHex(b.descriptor.digest)}.${b.role === 'config' ? 'json' : 'tar'}`;
      yield { path: name, type: 'file', size: b.descriptor.size, body: b.body(), mode: 0o644 };
    }
    yield { path: 'manifest.json', type: 'file', body: Buffer.from(JSON.stringify(manifest)) };
  }
  await writeFileAtomic(file, writeTar(entries()));
}
