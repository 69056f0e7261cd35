/**
 * The sample image: the same bytes on every build, a shape Python's tarfile and skopeo read, and
 * openImage reads it with the layers and history the build describes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage } from '../../src/index.js';
import { buildSampleImage } from '../../src/sample/sample-image.js';
import { describeWithTools } from '../helpers/tools.js';
import { readWithPython, writeSample, type Oracle } from './cli-harness.js';

let dir: string;
let tar: string;
let oracle: Oracle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-sample-'));
  tar = await writeSample(dir);
  oracle = readWithPython(tar);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sample image', () => {
  it('is byte-identical on every build', async () => {
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    const [a, b] = [await buildSampleImage(), await buildSampleImage()];
    expect(sha(a)).toBe(sha(b));
    expect(a.length).toBeGreaterThan(2_000_000);
    expect(a.length).toBeLessThan(10_000_000);
  });

  it('has the legacy docker save shape and a realistic history', () => {
    expect(oracle.manifest).toHaveLength(1);
    expect(oracle.manifest[0]!.Config).toBe(`${oracle.configSha256}.json`);
    for (const name of oracle.manifest[0]!.Layers) expect(name).toMatch(/^[a-f0-9]{64}\/layer\.tar$/);
    const members = execFileSync('tar', ['-tf', tar], { encoding: 'utf8' }).split('\n');
    expect(members).toContain('repositories');
    const empty = oracle.config.history.filter((h) => h.empty_layer === true);
    expect(empty.length).toBeGreaterThanOrEqual(4);
    expect(oracle.config.history.length - empty.length).toBe(oracle.layers.length);
    expect(oracle.config.rootfs.diff_ids).toEqual(oracle.layers.map((l) => `sha256:${l.sha256}`));
  });

  it('holds the whiteouts, secrets and overwrites the demo relies on', () => {
    const listing = (i: number): string[] =>
      execFileSync('sh', ['-c', `tar -xOf "$1" "$2" | tar -tf -`, 'sh', tar, oracle.layers[i]!.member], {
        encoding: 'utf8',
      }).split('\n');
    const all = oracle.layers.map((_, i) => listing(i));
    const layerWith = (path: string): number[] => all.flatMap((l, i) => (l.includes(path) ? [i] : []));
    expect(layerWith('app/.env')).toHaveLength(1);
    expect(layerWith('app/.wh..env')).toHaveLength(1);
    expect(layerWith('app/.wh.tmp')).toHaveLength(1);
    expect(layerWith('var/lib/apt/lists/.wh..wh..opq')).toHaveLength(1);
    expect(layerWith('app/config.yml')).toHaveLength(2);
    expect(layerWith('app/data/model.bin')).toHaveLength(2);
  });

  it('is read by openImage with the layers Python sees', async () => {
    const image = await openImage(`docker-archive:${tar}`);
    const layers = await image.layers();
    expect(layers).toHaveLength(oracle.layers.length);
    for (const [i, layer] of layers.entries()) {
      expect(await layer.diffId()).toBe(`sha256:${oracle.layers[i]!.sha256}`);
      let n = 0;
      for await (const _e of layer.entries()) n++;
      expect(n).toBe(oracle.layers[i]!.entries);
    }
    const config = await image.config();
    expect(config.history).toHaveLength(oracle.config.history.length);
  });
});

describeWithTools('sample image read by skopeo', ['skopeo'], () => {
  it('lists the same layers and config', () => {
    const out = JSON.parse(
      execFileSync('skopeo', ['inspect', `docker-archive:${tar}`], { encoding: 'utf8' }),
    ) as {
      Layers: string[];
      Env: string[];
      Architecture: string;
    };
    expect(out.Layers).toEqual(oracle.layers.map((l) => `sha256:${l.sha256}`));
    expect(out.Env).toEqual(oracle.config.config.Env);
    expect(out.Architecture).toBe(oracle.config.architecture);
  });
});
