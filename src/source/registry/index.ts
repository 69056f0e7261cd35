/**
 * The `registry:REF` source (and bare names such as `nginx`): resolves a reference to its manifest
 * or index over the distribution API and serves blobs through the shared blob cache.
 */
import { digestOf } from '../../model/digest.js';
import { StowageError } from '../../model/errors.js';
import { parseManifestOrIndex } from '../../model/manifest.js';
import type { ImageRoot } from '../blob-image.js';
import { BlobCache, defaultCacheDir } from '../cache/blob-cache.js';
import { RegistryClient, type RegistryOptions } from './client.js';
import { formatRegistryReference, parseRegistryReference } from './reference.js';
import { RegistryStore } from './registry-store.js';

export { parseRegistryReference, formatRegistryReference, type RegistryReference } from './reference.js';
export type { RegistryOptions } from './client.js';

/** RegistrySourceOptions add cache control to registry access. */
export interface RegistrySourceOptions extends RegistryOptions {
  /** don't read or write the blob cache */
  noCache?: boolean;
  /** cache directory (default `$XDG_CACHE_HOME/stowage`) */
  cacheDir?: string;
}

const clients = new Map<string, RegistryClient>();

/**
 * registryClient returns one client per registry host, option set and credential environment, so
 * tokens are reused while credentials found through one environment never serve another. A caller
 * that passes its own `env` or `fetch` gets a fresh client.
 */
function registryClient(registry: string, opts: RegistrySourceOptions): RegistryClient {
  if (opts.env !== undefined || opts.fetch !== undefined) return new RegistryClient(registry, opts);
  const env = process.env;
  const where = [opts.creds, opts.home, env.STOWAGE_REGISTRY_USERNAME, env.STOWAGE_REGISTRY_PASSWORD].concat([
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR,
    env.DOCKER_CONFIG,
    env.HOME,
  ]);
  // Hashed, so no credential is kept in the key itself.
  const key = `${registry}\0${opts.insecure === true}\0${digestOf(JSON.stringify(where))}`;
  let c = clients.get(key);
  if (c === undefined) {
    c = new RegistryClient(registry, opts);
    clients.set(key, c);
  }
  return c;
}

/** openRegistry resolves a registry reference down to its root manifest or index. */
export async function openRegistry(reference: string, opts: RegistrySourceOptions = {}): Promise<ImageRoot> {
  const ref = parseRegistryReference(reference);
  const client = registryClient(ref.registry, opts);
  const pointer = ref.digest ?? (ref.tag as string);
  const { raw } = await client.manifest(ref.repository, pointer);
  const display = formatRegistryReference(ref);
  if (ref.digest !== undefined && digestOf(raw) !== ref.digest) {
    throw new StowageError(
      'DIGEST_MISMATCH',
      `the registry returned a manifest whose digest is ${digestOf(raw)}`,
      {
        where: { file: display },
        hint: 'the registry served the wrong content for a pinned digest; do not trust this registry',
      },
    );
  }
  const document = parseManifestOrIndex(raw, `manifest ${display}`, { file: display });
  const cache = opts.noCache === true ? undefined : new BlobCache(opts.cacheDir ?? defaultCacheDir());
  const imageRef: ImageRoot['ref'] = {
    source: 'registry',
    location: `${ref.registry}/${ref.repository}`,
    display,
    digest: document.digest,
  };
  if (ref.tag !== undefined) imageRef.tag = ref.tag;
  return { store: new RegistryStore(client, ref.repository, cache), document, ref: imageRef };
}
