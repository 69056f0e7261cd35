/**
 * `stowage pull|push|cache info|cache prune --format json`: each document validates against its
 * schema (which must also reject it without `schema`), and its numbers match an independent
 * reading — Python's tarfile for the sample's layers, the written OCI layout's own index.json and
 * blob bytes, the cache directory as the file system lists it, and skopeo for a pushed manifest.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, writeSample } from '../cli/cli-harness.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { startRegistry, type RegistryServer } from '../registry/registry-server.js';
import { readLayersWithPython, type OracleImageLayer } from './layer-oracle.js';
import { expectSchemaValid } from './schema-validate.js';

let dir: string;
let tar: string;
let oracle: OracleImageLayer[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-transfer-'));
  tar = await writeSample(dir);
  oracle = readLayersWithPython(tar);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** json runs a command with --format json and checks the document against schema `name`. */
async function json<T>(name: string, argv: string[]): Promise<T> {
  const r = await run([...argv, '--format', 'json'], { env: {} });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as T & { schema: string };
  await expectSchemaValid(name, doc);
  return doc;
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('pull --format json', () => {
  it('reports the manifest the layout holds and the layers Python reads', async () => {
    const out = join(dir, 'pulled');
    const doc = await json<{ manifestDigest: string; layers: number; bytes: number; destination: string }>(
      'pull',
      ['pull', `docker-archive:${tar}`, '--to', `oci:${out}:x`],
    );
    expect(doc.destination).toBe(`oci:${out}:x`);
    expect(doc.layers).toBe(oracle.length);
    expect(doc.bytes).toBe(oracle.reduce((n, l) => n + l.blobSize, 0));
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    expect(index.manifests.map((m) => m.digest)).toEqual([doc.manifestDigest]);
    const manifest = await readFile(join(out, 'blobs', 'sha256', doc.manifestDigest.slice(7)));
    expect(sha256(manifest)).toBe(doc.manifestDigest);
  });
});

describe('cache info|prune --format json', () => {
  it('counts and prunes the blobs the cache directory holds', async () => {
    const cacheDir = join(dir, 'cache');
    const blobs = join(cacheDir, 'blobs', 'sha256');
    await mkdir(blobs, { recursive: true });
    for (const size of [100, 2000, 30000]) {
      const body = Buffer.alloc(size, size % 251);
      await writeFile(join(blobs, sha256(body).slice(7)), body);
    }
    const listed = async () =>
      Promise.all((await readdir(blobs)).map(async (f) => (await stat(join(blobs, f))).size));
    const before = await listed();

    const info = await json<{ dir: string; blobs: number; bytes: number }>('cache', [
      'cache',
      'info',
      '--cache-dir',
      cacheDir,
    ]);
    expect(info).toMatchObject({
      dir: cacheDir,
      blobs: before.length,
      bytes: before.reduce((a, b) => a + b),
    });

    const pruned = await json<{ removed: number; freedBytes: number; keptBytes: number }>('cache-prune', [
      'cache',
      'prune',
      '--max-size',
      '5000',
      '--cache-dir',
      cacheDir,
    ]);
    const after = await listed();
    expect(pruned.keptBytes).toBe(after.reduce((a, b) => a + b, 0));
    expect(pruned.keptBytes).toBeLessThanOrEqual(5000);
    expect(pruned.removed).toBe(before.length - after.length);
    expect(pruned.freedBytes + pruned.keptBytes).toBe(info.bytes);
  });
});

describeWithTools('push --format json', ['docker-registry', 'skopeo'], () => {
  let reg: RegistryServer;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('reports the manifest skopeo sees and one uploaded blob per layer plus the config', async () => {
    const ref = `${reg.host}/sample/app:v1`;
    const doc = await json<{
      reference: string;
      manifestDigest: string;
      blobs: { outcome: string; size: number }[];
      uploadedBytes: number;
    }>('push', ['push', `docker-archive:${tar}`, ref]);
    const seen = JSON.parse(
      await runText('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`]),
    ) as { Digest: string; Layers: string[] };
    expect(doc.manifestDigest).toBe(seen.Digest);
    expect(doc.blobs).toHaveLength(seen.Layers.length + 1);
    expect(doc.blobs.every((b) => b.outcome === 'uploaded')).toBe(true);
    expect(doc.uploadedBytes).toBe(doc.blobs.reduce((n, b) => n + b.size, 0));
  });
});
