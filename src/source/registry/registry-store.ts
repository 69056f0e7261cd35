/**
 * The registry's BlobStore: blobs come from the local blob cache when present, otherwise from the
 * registry, written to the cache as they stream past (unless caching is off).
 */
import type { Descriptor } from '../../model/descriptor.js';
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
    const cache = this.cache;
    if (cache === undefined) {
      yield* this.client.blob(this.repository, desc);
      return;
    }
    if (await cache.has(desc.digest, desc.size)) {
      yield* cache.read(desc.digest, desc.size);
      return;
    }
    yield* cache.store(desc.digest, desc.size, this.client.blob(this.repository, desc));
  }
}
