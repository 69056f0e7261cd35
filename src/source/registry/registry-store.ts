/**
 * The registry's BlobStore: manifests an index points at come from the manifests endpoint; blobs
 * from the local blob cache when present, otherwise from the registry, verified on the way and
 * written to the cache as they stream past (unless caching is off). A downloaded blob's last chunk is held back until its digest and size check out, so a
 * damaged download is reported as DIGEST_MISMATCH rather than as whatever the decompressor makes
 * of it.
 */
import { verifyDigest } from '../../compress/verify.js';
import type { Descriptor } from '../../model/descriptor.js';
import { mediaKind } from '../../model/media-types.js';
import type { BlobStore } from '../blob-store.js';
import type { BlobCache } from '../cache/blob-cache.js';
import { holdTail } from '../cache/hold-tail.js';
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
    const fetched = this.client.blob(this.repository, desc);
    const where = { file: this.describe(desc), layer: desc.digest };
    if (cache !== undefined) {
      yield* cache.store(desc.digest, desc.size, fetched, where);
      return;
    }
    yield* holdTail(verifyDigest(fetched, desc.digest, { kind: 'digest', expectedSize: desc.size, where }));
  }
}
