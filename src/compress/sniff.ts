/**
 * Compression sniffing by magic bytes. Layer media types and file names lie (docker save writes
 * gzip layers as `layer.tar`, skopeo may write plain tar under a `+gzip` type), so the bytes decide.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** Compression is a layer encoding stowage can read. */
export type Compression = 'gzip' | 'zstd' | 'none';

/** SNIFF_BYTES is how many leading bytes sniffCompression needs to decide every case. */
export const SNIFF_BYTES = 6;

const UNSUPPORTED_HINT =
  'only gzip and zstd layers are supported; recompress the layer, e.g. `skopeo copy --dest-compress-format gzip`';

/**
 * sniffCompression names the compression of a stream from its first bytes (pass at least
 * SNIFF_BYTES unless the stream is shorter). Anything without a known magic is plain data.
 * bzip2 and xz are recognised only to be refused with a clear error.
 */
export function sniffCompression(head: Uint8Array, where: ErrorWhere = {}): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  // A zstd skippable frame (magic 0x184D2A50-0x184D2A5F, little-endian), as zstd:chunked may lead with.
  if (head.length >= 4 && (head[0]! & 0xf0) === 0x50 && startsWith(head.subarray(1), [0x2a, 0x4d, 0x18])) {
    return 'zstd';
  }
  if (startsWith(head, [0x42, 0x5a, 0x68]) && head[3]! >= 0x31 && head[3]! <= 0x39) {
    throw new StowageError('UNSUPPORTED_MEDIA_TYPE', 'the data is bzip2-compressed', {
      where,
      hint: UNSUPPORTED_HINT,
    });
  }
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) {
    throw new StowageError('UNSUPPORTED_MEDIA_TYPE', 'the data is xz-compressed', {
      where,
      hint: UNSUPPORTED_HINT,
    });
  }
  return 'none';
}

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  if (data.length < magic.length) return false;
  return magic.every((b, i) => data[i] === b);
}
