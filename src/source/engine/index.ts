/**
 * The `docker:NAME` and `podman:NAME` sources: the engine's `GET /images/{name}/get` (a docker save
 * tar) is streamed into the blob cache under its own sha256 — atomic, content-addressed, pruned
 * with the other blobs by `stowage cache prune` — and read from there with the docker-archive
 * reader. The copy is kept so the returned image stays readable as long as it is used.
 */
import type { ImageRoot } from '../blob-image.js';
import { BlobCache, defaultCacheDir } from '../cache/blob-cache.js';
import { openDockerArchive } from '../docker-archive/index.js';
import { engineGet } from './engine-request.js';
import { engineSocket, type EngineKind } from './engine-socket.js';

export { engineSocket, type EngineKind } from './engine-socket.js';

/** EngineOptions choose the environment (for the socket) and the cache directory. */
export interface EngineOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * cache directory (default `$XDG_CACHE_HOME/stowage`); the export is kept there, so it is used
   * even with --no-cache
   */
  cacheDir?: string;
}

/** openEngine exports image `name` from a local engine and resolves it to its manifest. */
export async function openEngine(
  kind: EngineKind,
  name: string,
  opts: EngineOptions = {},
): Promise<ImageRoot> {
  const socketPath = engineSocket(kind, opts.env ?? process.env);
  const path = `/images/${encodeURIComponent(name).replace(/%2F/g, '/').replace(/%3A/g, ':').replace(/%40/g, '@')}/get`;
  const res = await engineGet(kind, socketPath, path, name);
  const saved = await new BlobCache(opts.cacheDir ?? defaultCacheDir()).ingest(res);
  const root = await openDockerArchive({ path: saved.path });
  return {
    ...root,
    ref: { source: kind, location: socketPath, display: `${kind}:${name}`, digest: root.document.digest },
  };
}
