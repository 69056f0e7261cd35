/**
 * `stowage diff`, `share` and `optimize` through the CLI on buildah builds, with umoci and skopeo as
 * oracles: an image diffed with itself reports nothing; two builds differing in one COPY report
 * exactly that file (the same difference umoci's unpacked trees show); share's registry figure is
 * the bytes of the distinct blobs; optimize --drop-waste removes exactly what `waste` reports.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiffReport } from '../../src/report/diff-report.js';
import type { OptimizeReport } from '../../src/report/optimize-report.js';
import type { ShareReport } from '../../src/report/share-report.js';
import { run as cli } from '../cli/cli-harness.js';
import { schemaValidator } from '../commands/schema-validate.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { fsDifferences, unpackRootfs } from '../optimize/rootfs-compare.js';
import { buildWasteImages, type WasteImages } from '../optimize/waste-images.js';

/** json runs a command with --format json; diff, share and optimize output is checked against its schema. */
async function json<T>(argv: string[]): Promise<T> {
  const r = await cli([...argv, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as T;
  const command = argv[0] as string;
  if (['diff', 'share', 'optimize'].includes(command)) {
    const validate = await schemaValidator(command);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  }
  return doc;
}

/** rawLayers reads an image's layer descriptors as skopeo fetches its manifest. */
async function rawLayers(ref: string): Promise<{ digest: string; size: number }[]> {
  return (
    JSON.parse(await runText('skopeo', ['inspect', '--raw', ref])) as {
      layers: { digest: string; size: number }[];
    }
  ).layers;
}

describeWithTools('diff, share and optimize through the CLI', ['buildah', 'skopeo', 'umoci'], () => {
  let fx: WasteImages;
  let work: string;

  beforeAll(async () => {
    fx = await buildWasteImages();
    work = join(tmpdir(), `stowage-diff-${randomBytes(6).toString('hex')}`);
    await mkdir(work);
  });
  afterAll(async () => {
    await fx?.cleanup();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('diff of an image with itself reports nothing', async () => {
    const r = await json<DiffReport>(['diff', fx.aRef, fx.aRef]);
    expect(r.identical).toBe(true);
    expect(r.files.changes).toEqual([]);
    expect(r.config.changes).toEqual([]);
    expect(r.config.history.onlyA).toEqual([]);
    expect(r.config.history.onlyB).toEqual([]);
    expect(r.layers.bytesToPull).toBe(0);
    expect(r.layers.alignment.every((l) => l.match === 'same-digest')).toBe(true);
    const text = await cli(['diff', fx.aRef, fx.aRef]);
    expect(text.stdout).toContain('The images are identical');
  });

  it('diff of two builds differing in one COPY reports exactly that file', async () => {
    const r = await json<DiffReport>(['diff', fx.aRef, fx.bRef]);
    expect(r.identical).toBe(false);
    expect(r.files.changes.map((c) => [c.path, c.kind, c.change])).toEqual([
      ['app/msg.txt', 'changed', 'content'],
    ]);
    const oracle = fsDifferences(
      await unpackRootfs(fx.aRef, join(work, 'a')),
      await unpackRootfs(fx.bRef, join(work, 'b')),
    );
    expect(oracle.map((d) => d.split(':')[0])).toEqual(['changed app/msg.txt']);
    const b = await rawLayers(fx.bRef);
    expect(r.layers.commonBaseLayers).toBe(b.length - 1);
    expect(r.layers.layersToPull).toBe(1);
    expect(r.layers.bytesToPull).toBe(b.at(-1)?.size);
    expect(r.config.changes).toEqual([]);
  });

  it('share counts each distinct blob once', async () => {
    const refs = [fx.baseRef, fx.aRef, fx.bRef];
    const r = await json<ShareReport>(['share', ...refs]);
    const blobs = new Map<string, number>();
    let total = 0;
    for (const ref of refs) {
      for (const l of await rawLayers(ref)) {
        blobs.set(l.digest, l.size);
        total += l.size;
      }
    }
    expect(r.registry.total).toBe(total);
    expect(r.registry.unique).toBe([...blobs.values()].reduce((n, s) => n + s, 0));
    const base = r.layers.find((l) => l.images.length === 3);
    expect(base?.digest).toBe((await rawLayers(fx.baseRef))[0]?.digest);
    expect(r.host.saved).toBeGreaterThan(0);
  });

  it('optimize --drop-waste removes exactly the reclaimable bytes `stowage waste` reports', async () => {
    const waste = await json<{ totals: { reclaimableBytes: number; layerFileBytes: number } }>([
      'waste',
      fx.aRef,
    ]);
    const dest = `oci:${join(work, 'opt')}:v1`;
    const r = await json<OptimizeReport>(['optimize', fx.aRef, '--to', dest, '--drop-waste']);
    expect(r.before.layerFileBytes).toBe(waste.totals.layerFileBytes);
    expect(r.before.layerFileBytes - r.after.layerFileBytes).toBe(waste.totals.reclaimableBytes);
    const after = await json<{ totals: { reclaimableBytes: number; layerFileBytes: number } }>([
      'waste',
      dest,
    ]);
    expect(after.totals.reclaimableBytes).toBe(0);
    expect(after.totals.layerFileBytes).toBe(r.after.layerFileBytes);
    const again = await json<OptimizeReport>([
      'optimize',
      fx.aRef,
      '--to',
      `oci:${join(work, 'opt2')}:v1`,
      '--drop-waste',
    ]);
    expect(again.manifestDigest).toBe(r.manifestDigest);
    const squashed = await json<OptimizeReport>([
      'optimize',
      fx.aRef,
      '--to',
      `oci:${join(work, 'opt')}:sq`,
      '--squash-from',
      fx.baseRef,
      '--strip',
      '/usr/share/doc',
    ]);
    expect(squashed.request.squashFrom).toBe(1);
    expect(squashed.after.layers).toBe(2);
    expect(squashed.layers[0]?.reused).toBe(true);
    expect(squashed.strippedPaths).toContain('usr/share/doc/x/README');
  });
});
