/**
 * Layer compression for rewritten layers: gzip through node:zlib or zstd through zstd-napi, at a
 * chosen level. gzip is written as one member per GZIP_BLOCK of tar bytes, compressed in parallel on
 * libuv's thread pool (pigz-style; every gzip reader joins members), which keeps all cores busy.
 * Both are deterministic: block boundaries are fixed, so the same tar bytes give the same blob.
 */
import { availableParallelism } from 'node:os';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { CompressStream } from 'zstd-napi';
import { StowageError } from '../model/errors.js';
import { MediaTypes } from '../model/media-types.js';

/** LayerCompression says how rewritten layers are compressed. */
export interface LayerCompression {
  format: 'gzip' | 'zstd';
  /** gzip 1–9 (default 6), zstd 1–19 (default 3) */
  level?: number;
}

/** DEFAULT_COMPRESSION is gzip at level 6, what docker and buildah write. */
export const DEFAULT_COMPRESSION: LayerCompression = { format: 'gzip', level: 6 };

const LEVELS = { gzip: { min: 1, max: 9, def: 6 }, zstd: { min: 1, max: 19, def: 3 } } as const;

/** compressionLevel validates and returns the effective level. */
export function compressionLevel(c: LayerCompression): number {
  const range = LEVELS[c.format];
  const level = c.level ?? range.def;
  if (!Number.isInteger(level) || level < range.min || level > range.max) {
    throw new StowageError('USAGE', `${c.format} level ${level} is out of range`, {
      hint: `use a ${c.format} level from ${range.min} to ${range.max}`,
    });
  }
  return level;
}

/** layerMediaType is the OCI media type of a layer compressed with `c`. */
export function layerMediaType(c: LayerCompression): string {
  return c.format === 'zstd' ? MediaTypes.ociLayerZstd : MediaTypes.ociLayerGzip;
}

/** GZIP_BLOCK is the tar bytes per gzip member. */
export const GZIP_BLOCK = 4 << 20;

const gzipAsync = promisify(gzip);

/** blocks regroups a stream into GZIP_BLOCK-sized buffers (the last may be shorter). */
async function* blocks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let have = 0;
  for await (const chunk of source) {
    let buf = chunk;
    while (buf.length > 0) {
      const take = Math.min(GZIP_BLOCK - have, buf.length);
      parts.push(buf.subarray(0, take));
      have += take;
      buf = buf.subarray(take);
      if (have === GZIP_BLOCK) {
        yield Buffer.concat(parts);
        parts = [];
        have = 0;
      }
    }
  }
  if (have > 0 || parts.length > 0) yield Buffer.concat(parts);
}

const SAMPLE = 16 * 1024;

/**
 * gzipBlock compresses one block as a gzip member. A block whose samples (start, quarter points,
 * end) do not shrink at level 1 is random-like (already compressed data, encrypted files): deflate
 * cannot shrink it either, so it is stored (level 0) instead of spending the CPU of `level` on it —
 * as Go's and klauspost's compressors skip incompressible input. The choice depends only on the
 * bytes, so output stays deterministic.
 */
async function gzipBlock(block: Buffer, level: number): Promise<Buffer> {
  if (block.length >= 8 * SAMPLE) {
    const step = Math.floor((block.length - SAMPLE) / 4);
    const samples = [0, 1, 2, 3, 4].map((k) => block.subarray(k * step, k * step + SAMPLE));
    const packed = await gzipAsync(Buffer.concat(samples), { level: 1 });
    if (packed.length >= samples.length * SAMPLE * 0.97)
      return gzipAsync(block, { level: 0, chunkSize: 1 << 20 });
  }
  return gzipAsync(block, { level, chunkSize: 1 << 20 });
}

/** parallelGzip compresses blocks as gzip members, a few at once, yielding them in order. */
async function* parallelGzip(source: AsyncIterable<Buffer>, level: number): AsyncGenerator<Buffer> {
  const width = Math.max(2, availableParallelism());
  const pending: Promise<Buffer>[] = [];
  for await (const block of blocks(source)) {
    pending.push(gzipBlock(block, level));
    if (pending.length >= width) yield await (pending.shift() as Promise<Buffer>);
  }
  for (const p of pending) yield await p;
}

/** compressor returns a pipeline stage compressing with `c`. */
export function compressor(
  c: LayerCompression,
): Transform | ((source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>) {
  const level = compressionLevel(c);
  if (c.format === 'zstd') return new CompressStream({ compressionLevel: level });
  return (source) => parallelGzip(source, level);
}

/** parseCompression reads `gzip`, `zstd`, `gzip:9` or `zstd:19`. */
export function parseCompression(s: string): LayerCompression {
  const [format, level] = s.split(':');
  if (format !== 'gzip' && format !== 'zstd') {
    throw new StowageError('USAGE', `"${s}" is not a layer compression`, {
      hint: 'use gzip, zstd, gzip:LEVEL or zstd:LEVEL',
    });
  }
  const c: LayerCompression = level === undefined ? { format } : { format, level: Number(level) };
  compressionLevel(c);
  return c;
}
