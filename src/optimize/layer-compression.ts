/**
 * Layer compression for rewritten layers: gzip through node:zlib or zstd through zstd-napi, at a
 * chosen level. Both are deterministic: the same tar bytes always give the same blob.
 */
import { Transform } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
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

/** compressor returns a fresh Transform stream compressing with `c`. */
export function compressor(c: LayerCompression): Transform {
  const level = compressionLevel(c);
  if (c.format === 'zstd') return new CompressStream({ compressionLevel: level });
  return createGzip({ level, chunkSize: 1 << 20, memLevel: constants.Z_DEFAULT_MEMLEVEL });
}

/** parseCompression reads `gzip`, `zstd`, `gzip:9` or `zstd:19`. */
export function parseCompression(s: string): LayerCompression {
  const [format, level] = s.split(':');
  if (format !== 'gzip' && format !== 'zstd') {
    throw new StowageError('USAGE', `"${s}" is not a layer compression`, { hint: 'use gzip, zstd, gzip:LEVEL or zstd:LEVEL' });
  }
  const c: LayerCompression = level === undefined ? { format } : { format, level: Number(level) };
  compressionLevel(c);
  return c;
}
