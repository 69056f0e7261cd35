/**
 * `stowage inspect` on gzip-compressed layers and an index: skopeo converts the sample into an OCI
 * layout; stored sizes and digests must match the blobs on disk, unpacked sizes and entry counts
 * what Python reads from the original archive; the index lists its platforms and --platform picks.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InspectReport } from '../../src/index.js';
import { describeWithTools } from '../helpers/tools.js';
import { readWithPython, run, writeSample, type Oracle } from './cli-harness.js';

let dir: string;
let layout: string;
let oracle: Oracle;

interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

async function inspect(...argv: string[]): Promise<InspectReport> {
  const r = await run(['inspect', '--format', 'json', ...argv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as InspectReport;
}

describeWithTools('inspect an OCI layout made by skopeo', ['skopeo'], () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-inspect-oci-'));
    const tar = await writeSample(dir);
    oracle = readWithPython(tar);
    layout = join(dir, 'layout');
    execFileSync('skopeo', ['copy', '-q', `docker-archive:${tar}`, `oci:${layout}:v1`]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports stored (gzip) and unpacked sizes separately', async () => {
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: OciDescriptor[];
    };
    const manifestDigest = index.manifests[0]!.digest;
    const blob = (d: string): string => join(layout, 'blobs', ...d.split(':'));
    const manifest = JSON.parse(await readFile(blob(manifestDigest), 'utf8')) as { layers: OciDescriptor[] };
    const r = await inspect(`oci:${layout}:v1`);
    expect(r.manifestDigest).toBe(manifestDigest);
    for (const [i, l] of r.layers.entries()) {
      expect(l.digest).toBe(manifest.layers[i]!.digest);
      expect(l.mediaType).toBe(manifest.layers[i]!.mediaType);
      expect(l.compressedSize).toBe((await stat(blob(l.digest))).size);
      expect(l.uncompressedSize).toBe(oracle.layers[i]!.size);
      expect(l.entries).toBe(oracle.layers[i]!.entries);
      expect(l.diffId).toBe(`sha256:${oracle.layers[i]!.sha256}`);
    }
    expect(r.totals.compressedSize).toBeLessThan(r.totals.uncompressedSize);
  });

  it('lists an index and marks the manifest --platform chose', async () => {
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: OciDescriptor[];
    };
    const { mediaType, digest, size } = index.manifests[0]!;
    const amd64: OciDescriptor = {
      mediaType,
      digest,
      size,
      platform: { os: 'linux', architecture: 'amd64' },
    };
    const arm64: OciDescriptor = {
      ...amd64,
      digest: `sha256:${'1'.repeat(64)}`,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    };
    const multi = join(dir, 'multi');
    execFileSync('cp', ['-r', layout, multi]);
    const ociIndex = 'application/vnd.oci.image.index.v1+json';
    const nested = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: ociIndex, manifests: [amd64, arm64] }),
    );
    const nestedHex = createHash('sha256').update(nested).digest('hex');
    await writeFile(join(multi, 'blobs', 'sha256', nestedHex), nested);
    const top = {
      mediaType: ociIndex,
      digest: `sha256:${nestedHex}`,
      size: nested.length,
      annotations: { 'org.opencontainers.image.ref.name': 'multi' },
    };
    await writeFile(join(multi, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
    const r = await inspect('--platform', 'linux/amd64', `oci:${multi}:multi`);
    expect(r.index?.digest).toBe(top.digest);
    expect(r.index?.platforms.map((p) => [p.platform, p.digest, p.selected])).toEqual([
      ['linux/amd64', amd64.digest, true],
      ['linux/arm64/v8', arm64.digest, false],
    ]);
    const missing = await run(['inspect', '--platform', 'linux/s390x', `oci:${multi}:multi`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^stowage: error: .*linux\/s390x/);
  });
});
