/**
 * Property test for the whole layer path (stored bytes → digest check → gunzip/unzstd → diff_id
 * check → tar): random damage to a gzip or zstd layer blob yields a StowageError, never another
 * error, a crash or a hang — and never a silent success, because the digest no longer matches.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf, type Digest } from '../../src/model/digest.js';
import type { Descriptor } from '../../src/model/descriptor.js';
import { StowageError } from '../../src/model/errors.js';
import { MediaTypes } from '../../src/model/media-types.js';
import { blobLayer } from '../../src/source/blob-layer.js';
import type { BlobStore } from '../../src/source/blob-store.js';
import { writeTar } from '../../src/tar/writer.js';
import { chunked, collect, textish } from '../helpers/byte-streams.js';

async function sampleTar(): Promise<Buffer> {
  const entries = [
    { path: 'etc', type: 'dir' as const },
    { path: 'etc/config.txt', type: 'file' as const, body: textish(20_000, 3) },
    { path: 'etc/link', type: 'symlink' as const, linkTarget: 'config.txt' },
    { path: 'usr/share/data.bin', type: 'file' as const, body: textish(70_000, 9) },
    { path: `deep/${'n'.repeat(120)}/file`, type: 'file' as const, body: textish(3_000, 5) },
  ];
  return collect(writeTar(entries));
}

/** storeOf serves one blob, in small chunks so damage lands across chunk boundaries. */
function storeOf(blob: Buffer): BlobStore {
  return { describe: () => 'memory', open: () => chunked(blob, 4096) as AsyncIterable<Buffer> };
}

async function readLayer(blob: Buffer, desc: Descriptor, diffId: Digest): Promise<number> {
  const layer = blobLayer(storeOf(blob), { ...desc, size: blob.length }, 0, diffId);
  let n = 0;
  for await (const item of layer.items({ hashContents: true })) {
    for await (const _chunk of item.body());
    n++;
  }
  return n;
}

const damage = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
);

/** Damage is one random change to a blob. */
type Damage = { kind: 'flip' | 'cut' | 'insert'; at: number; bit?: number; bytes?: Uint8Array };

function applyDamage(blob: Buffer, d: Damage): Buffer {
  const at = d.at % blob.length;
  if (d.kind === 'flip') {
    const out = Buffer.from(blob);
    out[at] = (out[at] as number) ^ (1 << (d.bit ?? 0));
    return out;
  }
  if (d.kind === 'cut') return blob.subarray(0, at);
  return Buffer.concat([blob.subarray(0, at), Buffer.from(d.bytes ?? []), blob.subarray(at)]);
}

describe('damaged compressed layers', () => {
  it.each(['gzip', 'zstd'] as const)('%s: every damage is a typed error, within bounds', async (format) => {
    const tar = await sampleTar();
    const diffId = digestOf(tar);
    const blob =
      format === 'gzip'
        ? gzipSync(tar)
        : execFileSync('zstd', ['-q', '-c', '-3'], { input: tar, maxBuffer: 1 << 26 });
    const desc: Descriptor = {
      mediaType: format === 'gzip' ? MediaTypes.ociLayerGzip : MediaTypes.ociLayerZstd,
      digest: digestOf(blob),
      size: blob.length,
    };
    expect(await readLayer(blob, desc, diffId)).toBe(5);
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const bad = applyDamage(blob, d);
        if (bad.equals(blob)) return;
        const outcome = await Promise.race([
          readLayer(bad, desc, diffId).then(
            () => 'read',
            (e: unknown) => e,
          ),
          new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000)),
        ]);
        expect(outcome).toBeInstanceOf(StowageError);
      }),
      { numRuns: 60 },
    );
  });
});
