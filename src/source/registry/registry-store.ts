/**
 * The registry's BlobStore: manifests an index points at come from the manifests endpoint; blobs from the local blob cache when present, otherwise from the
 * registry, verified on the way and written to the cache as they stream past (unless caching is
 * off). A downloaded blob's last chunk is held back until its digest and size check out, so a
 * reader never sees the end of bad bytes and a damaged download is reported as DIGEST_MISMATCH
 * rather than as whatever the decompressor makes of it.
 */
import { verifyDigest } from '../../compress/verify.js';
import type { Descriptor } from '../../model/descriptor.js';
import { mediaKind } from '../../model/media-types.js';
import type { BlobStore } from '../blob-store.js';
import type { BlobCache } from '../cache/blob-cache.js';
import type { RegistryClient } from './client.js';

/** RegistryStore serves one repository's blobs. */
export class RegistryStore implements BlobStore {
  constructor(
    private readonly client: RegistryClient,
    private readonly repository: string,
    private readonly cache: BlobCache | undefined,
  ) {}

  describe(desc?: Descriptor): string {
    const repo = `${this.client.host}/${this.repository}`;
    return desc === undefined ? repo : `${repo}@${desc.digest}`;
  }

  async *open(desc: Descriptor): AsyncGenerator<Buffer> {
    const kind = mediaKind(desc.mediaType);
    if (kind === 'manifest' || kind === 'index') {
      yield Buffer.from((await this.client.manifest(this.repository, desc.digest)).raw);
      return;
    }
    const cache = this.cache;
    if (cache !== undefined && (await cache.has(desc.digest, desc.size))) {
      yield* cache.read(desc.digest, desc.size);
      return;
    }
    const fetched = holdTailUntilVerified(this.client.blob(this.repository, desc), desc, this.describe(desc));
    yield* cache === undefined ? fetched : cache.store(desc.digest, desc.size, fetched);
  }
}

/** holdTailUntilVerified passes a blob through one chunk behind, releasing the last after the check. */
async function* holdTailUntilVerified(
  source: AsyncIterable<Buffer>,
  desc: Descriptor,
  file: string,
): AsyncGenerator<Buffer> {
  let held: Buffer | undefined;
  const verified = verifyDigest(source, desc.digest, {
    kind: 'digest',
    expectedSize: desc.size,
    where: { file, layer: desc.digest },
  });
  for await (const chunk of verified) {
    if (held !== undefined) yield held;
    held = chunk;
  }
  if (held !== undefined) yield held;
}
