/**
 * The merged tree against the real thing: images built with umoci and with buildah (each given an
 * extra hand-made layer holding an opaque marker) are unpacked by `umoci unpack`, and the rootfs it
 * writes must equal stowage's merged tree path by path; exact waste must equal the bytes stored in
 * all layers minus the rootfs's bytes.
 */
import { chmod, chown, link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeWaste } from '../../src/analysis/waste/exact-waste.js';
import type { LayerStack } from '../../src/filetree/layer-stack.js';
import { readImageStack, type ReadProgress } from '../../src/filetree/read-image.js';
import { openImage } from '../../src/source/index.js';
import { Buildah } from '../fixtures/buildah.js';
import { buildBusyboxBase } from '../fixtures/busybox-base.js';
import { writeOpaqueLayer } from '../fixtures/opaque-layer.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { flattenTree, walkRootfs } from './rootfs.js';

let work: string;

/** unpackAndCompare unpacks `layout:tag` with umoci and compares it with our stack of `oci:layout:tag`. */
async function unpackAndCompare(layout: string, tag: string): Promise<LayerStack> {
  const bundle = join(work, `unpacked-${basename(layout)}`);
  await runText('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
  const progress: ReadProgress[] = [];
  const stack = await readImageStack(await openImage(`oci:${layout}:${tag}`), {
    onProgress: (p) => progress.push(p),
  });
  const rootfs = await walkRootfs(join(bundle, 'rootfs'));
  expect(flattenTree(stack.tree)).toEqual(rootfs.nodes);
  expect(progress.filter((p) => p.phase === 'done')).toHaveLength(stack.layerCount);
  const waste = computeWaste(stack);
  const stored = [...stack.fileVersions()].reduce((sum, v) => sum + v.size, 0);
  expect(waste.finalFileBytes).toBe(rootfs.fileBytes);
  expect(waste.totalBytes).toBe(stored - rootfs.fileBytes);
  return stack;
}

/** expectLinkedGroup checks that the paths were stored as one file plus hard links to it. */
function expectLinkedGroup(stack: LayerStack, paths: string[]): void {
  const nodes = paths.map((p) => stack.tree.get(p));
  expect(nodes.filter((n) => n?.type === 'hardlink').length).toBeGreaterThan(0);
  expect(new Set(nodes.map((n) => n?.contentHash)).size).toBe(1);
}

function changesOf(stack: LayerStack, layer: number) {
  const cs = stack.changeSet(layer);
  return {
    deleted: cs.deleted.map((c) => `${c.kind} ${c.path}`),
    modified: cs.modified.map((c) => `${c.modification} ${c.path} ${(c.fields ?? []).join(',')}`),
  };
}

describeWithTools('merged tree equals umoci unpack', ['umoci', 'buildah', 'tar'], () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-filetree-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('on an image built with umoci', async () => {
    const layout = join(work, 'umoci-layout');
    await runText('umoci', ['init', '--layout', layout]);
    await runText('umoci', ['new', '--image', `${layout}:t`]);
    const bundle = join(work, 'umoci-bundle');
    await runText('umoci', ['unpack', '--image', `${layout}:t`, bundle]);
    const r = join(bundle, 'rootfs');
    for (const d of ['etc/app/sub', 'opq/sub', 'bin', 'data', 'usr'])
      await mkdir(join(r, d), { recursive: true });
    await writeFile(join(r, 'etc/app/a.conf'), 'a=1\n');
    await writeFile(join(r, 'etc/app/sub/b.conf'), 'b=22\n');
    await writeFile(join(r, 'opq/old'), 'old\n');
    await writeFile(join(r, 'opq/sub/old2'), 'older\n');
    await writeFile(join(r, 'bin/tool'), 'tool-binary\n');
    await chmod(join(r, 'bin/tool'), 0o644);
    await writeFile(join(r, 'data/big'), 'v1'.repeat(1000));
    await writeFile(join(r, 'data/owned'), 'mine\n');
    await chown(join(r, 'data/owned'), 1000, 1001);
    await writeFile(join(r, 'usr/h1'), 'hard-linked\n');
    await link(join(r, 'usr/h1'), join(r, 'usr/h2'));
    await symlink('../data/big', join(r, 'usr/big-link'));
    await runText('umoci', ['repack', '--image', `${layout}:t`, '--refresh-bundle', bundle]);

    await rm(join(r, 'etc/app'), { recursive: true });
    await chmod(join(r, 'bin/tool'), 0o755);
    await writeFile(join(r, 'data/big'), 'v2'.repeat(1500));
    await rm(join(r, 'usr/h1'));
    await writeFile(join(r, 'usr/k1'), 'second pair\n');
    await link(join(r, 'usr/k1'), join(r, 'usr/k2'));
    await runText('umoci', ['repack', '--image', `${layout}:t`, '--refresh-bundle', bundle]);

    await runText('umoci', [
      'raw',
      'add-layer',
      '--image',
      `${layout}:t`,
      '--tag',
      'final',
      await writeOpaqueLayer(work, 'umoci-opq'),
    ]);
    const stack = await unpackAndCompare(layout, 'final');
    expect(stack.layerCount).toBe(3);
    const l1 = changesOf(stack, 1);
    expect(l1.deleted).toEqual(
      expect.arrayContaining([
        'deleted etc/app',
        'deleted etc/app/a.conf',
        'deleted etc/app/sub',
        'deleted etc/app/sub/b.conf',
        'deleted usr/h1',
      ]),
    );
    expect(l1.modified).toEqual(expect.arrayContaining(['metadata bin/tool mode', 'content data/big ']));
    expect(changesOf(stack, 2).deleted).toEqual(['hidden opq/old', 'hidden opq/sub', 'hidden opq/sub/old2']);
    expect(stack.pathHistory('data/big').map((e) => `${e.layer} ${e.kind} ${e.size}`)).toEqual([
      '0 added 2000',
      '1 modified 3000',
    ]);
    expect(stack.tree.get('usr/h2')).toMatchObject({ size: 12 });
    expectLinkedGroup(stack, ['usr/k1', 'usr/k2']);
  });

  it('on an image built with buildah from a busybox-only base', async () => {
    const buildah = await Buildah.create(join(work, 'buildah'));
    await buildBusyboxBase(buildah, work, 'stowage-ft-base');
    const ctx = join(work, 'ctx');
    await mkdir(ctx);
    await writeFile(
      join(ctx, 'Dockerfile'),
      [
        'FROM stowage-ft-base',
        'RUN mkdir -p /d/sub /opq/sub && echo one > /d/a && echo two > /d/sub/b && echo old > /opq/old && ' +
          'echo old2 > /opq/sub/x && echo data > /f && echo v1 > /o && echo hl > /h1 && ln /h1 /h2',
        'RUN rm -rf /d && chmod 755 /f && echo version-two > /o && ln /h1 /h3',
        '',
      ].join('\n'),
    );
    await buildah.bud(ctx, 'stowage-ft-img');
    const layout = join(work, 'buildah-layout');
    await buildah.push('stowage-ft-img', `oci:${layout}:b`);
    await runText('umoci', [
      'raw',
      'add-layer',
      '--image',
      `${layout}:b`,
      '--tag',
      'final',
      await writeOpaqueLayer(work, 'buildah-opq'),
    ]);
    const stack = await unpackAndCompare(layout, 'final');
    expect(stack.layerCount).toBe(4);
    const l2 = changesOf(stack, 2);
    expect(l2.deleted).toEqual(
      expect.arrayContaining(['deleted d', 'deleted d/a', 'deleted d/sub', 'deleted d/sub/b']),
    );
    expect(l2.modified).toEqual(expect.arrayContaining(['metadata f mode']));
    expect(changesOf(stack, 3).deleted).toEqual(['hidden opq/old', 'hidden opq/sub', 'hidden opq/sub/x']);
    expectLinkedGroup(stack, ['h1', 'h2', 'h3']);
  });
});
