import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf } from '../../model/digest.js';
import { BlobCache } from './blob-cache.js';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

async function drain(source: AsyncIterable<Buffer>): Promise<string> {
  let out = '';
  for await (const c of source) out += c.toString();
  return out;
}

describe('BlobCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-blob-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores a verified blob and reads it back', async () => {
    const cache = new BlobCache(dir);
    const digest = digestOf('hello world');
    expect(await drain(cache.store(digest, 11, chunks('hello ', 'world')))).toBe('hello world');
    expect(await cache.has(digest, 11)).toBe(true);
    expect(await drain(cache.read(digest, 11))).toBe('hello world');
  });

  it('fails a mismatching blob before its last chunk and keeps nothing', async () => {
    const cache = new BlobCache(dir);
    const digest = digestOf('hello world');
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const c of cache.store(digest, 11, chunks('hello ', 'WORLD'))) seen.push(c.toString());
    };
    await expect(run()).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(seen).toEqual(['hello ']);
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([]);
  });

  it('removes a damaged entry when it is read', async () => {
    const cache = new BlobCache(dir);
    const digest = digestOf('abc');
    await drain(cache.store(digest, 3, chunks('abc')));
    await writeFile(cache.path(digest), 'abd');
    await expect(drain(cache.read(digest, 3))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(await cache.has(digest, 3)).toBe(false);
  });

  it('ingests a stream under its own digest', async () => {
    const cache = new BlobCache(dir);
    const saved = await cache.ingest(chunks('some ', 'archive'));
    expect(saved.digest).toBe(digestOf('some archive'));
    expect(saved.path).toBe(cache.path(saved.digest));
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([saved.digest.slice(7)]);
    expect(await cache.usage()).toEqual({ blobs: 1, bytes: 12 });
  });
});
