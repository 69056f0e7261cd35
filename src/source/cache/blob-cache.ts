/**
 * A content-addressed blob cache shared by every image (`$XDG_CACHE_HOME/stowage/blobs/<alg>/<hex>`):
 * a blob is written to a temporary file beside its final name while it streams past, checked against
 * its digest and size, and renamed into place — atomic, and safe with several stowage processes at
 * once (the same content wins either way). Reads are checked too: a damaged entry is removed.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { verifyDigest } from '../../compress/verify.js';
import { digestAlgorithm, digestHex, newHash, type Digest } from '../../model/digest.js';
import { StowageError, type ErrorWhere } from '../../model/errors.js';
import { tempName, trackTemp, untrackTemp } from '../../model/temp-files.js';
import { readFile } from '../file-stream.js';
import { holdTail } from './hold-tail.js';

/** defaultCacheDir is `$XDG_CACHE_HOME/stowage`, or `~/.cache/stowage`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(base, 'stowage');
}

/** BlobCache stores verified blobs by digest. */
export class BlobCache {
  constructor(readonly dir: string) {}

  /** path is where a blob lives in the cache. */
  path(digest: Digest): string {
    return join(this.dir, 'blobs', digestAlgorithm(digest), digestHex(digest));
  }

  /** has reports whether a blob of this digest and size is cached. */
  async has(digest: Digest, size: number): Promise<boolean> {
    try {
      return (await stat(this.path(digest))).size === size;
    } catch {
      return false;
    }
  }

  /** read streams a cached blob, verified; a damaged entry is removed and reported. */
  async *read(digest: Digest, size: number): AsyncGenerator<Buffer> {
    const file = this.path(digest);
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    try {
      yield* verifyDigest(readFile(file), digest, { kind: 'digest', expectedSize: size, where: { file } });
    } catch (e) {
      if (
        e instanceof StowageError &&
        (e.code === 'DIGEST_MISMATCH' || e.code === 'TRUNCATED' || e.code === 'SIZE_MISMATCH')
      ) {
        await rm(file, { force: true });
        throw new StowageError(e.code, `the cached copy of ${digest} was damaged and has been removed`, {
          where: { file },
          hint: 'run the command again to fetch it afresh',
          cause: e,
        });
      }
      throw e;
    }
  }

  /**
   * store passes a blob's bytes through while writing them to the cache. Only a complete blob with
   * the right digest and size is renamed into place, before the last chunk is passed on; anything
   * else leaves no entry and fails (DIGEST_MISMATCH, TRUNCATED, SIZE_MISMATCH) before that chunk.
   */
  async *store(
    digest: Digest,
    size: number,
    source: AsyncIterable<Buffer>,
    where: ErrorWhere = {},
  ): AsyncGenerator<Buffer> {
    const final = this.path(digest);
    await mkdir(join(final, '..'), { recursive: true });
    const tmp = tempName(final);
    trackTemp(tmp);
    const out = createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 });
    let complete = false;
    const verified = verifyDigest(source, digest, { kind: 'digest', expectedSize: size, where });
    async function* written(): AsyncGenerator<Buffer> {
      for await (const chunk of verified) {
        if (!out.write(chunk)) await drained(out);
        yield chunk;
      }
    }
    try {
      yield* holdTail(written(), async () => {
        await closed(out);
        await rename(tmp, final);
        untrackTemp(tmp);
        complete = true;
      });
    } finally {
      if (!complete) await discard(out, tmp);
    }
  }

  /**
   * ingest writes a stream whose digest is not known in advance (an engine's `docker save` tar) into
   * the cache under the sha256 of its bytes, atomically, and returns where it is.
   */
  async ingest(source: AsyncIterable<Buffer>): Promise<{ digest: Digest; size: number; path: string }> {
    const dir = join(this.dir, 'blobs', 'sha256');
    await mkdir(dir, { recursive: true });
    const tmp = tempName(join(dir, 'ingest'));
    trackTemp(tmp);
    const out = createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 });
    const hash = newHash('sha256');
    let size = 0;
    try {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        if (!out.write(chunk)) await drained(out);
      }
      await closed(out);
      const digest = `sha256:${hash.digest('hex')}` as Digest;
      const path = this.path(digest);
      await rename(tmp, path);
      return { digest, size, path };
    } finally {
      await discard(out, tmp);
    }
  }

  /** usage counts the cached blobs and their bytes. */
  async usage(): Promise<{ blobs: number; bytes: number }> {
    const entries = await this.entries();
    return { blobs: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
  }

  /** prune removes least recently used blobs until the cache holds at most `maxBytes`. */
  async prune(maxBytes: number): Promise<{ removed: number; freedBytes: number; keptBytes: number }> {
    const entries = await this.entries();
    entries.sort((a, b) => b.used - a.used);
    let kept = 0;
    let removed = 0;
    let freed = 0;
    for (const e of entries) {
      if (kept + e.size <= maxBytes) {
        kept += e.size;
        continue;
      }
      await rm(e.file, { force: true });
      removed++;
      freed += e.size;
    }
    return { removed, freedBytes: freed, keptBytes: kept };
  }

  /** entries lists cached blobs with size and last use, removing temporaries over an hour old. */
  private async entries(): Promise<{ file: string; size: number; used: number }[]> {
    const entries: { file: string; size: number; used: number }[] = [];
    const root = join(this.dir, 'blobs');
    for (const alg of await readdir(root).catch(() => [] as string[])) {
      for (const name of await readdir(join(root, alg))) {
        const file = join(root, alg, name);
        const st = await stat(file).catch(() => undefined);
        if (st === undefined) continue;
        if (name.includes('.tmp-')) {
          if (Date.now() - st.mtimeMs > 3600_000) await rm(file, { force: true });
          continue;
        }
        entries.push({ file, size: st.size, used: st.mtimeMs });
      }
    }
    return entries;
  }
}

/** drained waits for a write stream's buffer to empty, removing its listeners afterwards. */
function drained(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', done);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    out.on('drain', done);
    out.on('error', done);
  });
}

/**
 * discard destroys a temporary file's stream and removes the file. The removal waits for the
 * stream's close: a stream destroyed while its file is still being opened creates the file after.
 * A write still in flight fails once the stream is destroyed; that error is expected here.
 */
async function discard(out: WriteStream, tmp: string): Promise<void> {
  out.on('error', () => {});
  if (!out.closed) {
    const done = new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await done;
  }
  await rm(tmp, { force: true });
  untrackTemp(tmp);
}

function closed(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}
