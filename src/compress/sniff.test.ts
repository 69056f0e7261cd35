import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { StowageError } from '../model/errors.js';
import { textish } from '../../test/helpers/byte-streams.js';
import { describeWithTools } from '../../test/helpers/tools.js';
import { SNIFF_BYTES, sniffCompression } from './sniff.js';

const data = textish(4096, 11);

/** headOf compresses `data` with a real tool and returns the first SNIFF_BYTES bytes. */
function headOf(cmd: string, args: string[]): Buffer {
  return execFileSync(cmd, args, { input: data }).subarray(0, SNIFF_BYTES);
}

describeWithTools('sniffCompression on real tools output', ['gzip', 'zstd', 'bzip2', 'xz', 'tar'], () => {
  it('recognises gzip and zstd (plain and --long)', () => {
    expect(sniffCompression(headOf('gzip', ['-c']))).toBe('gzip');
    expect(sniffCompression(headOf('zstd', ['-q', '-c']))).toBe('zstd');
    expect(sniffCompression(headOf('zstd', ['-q', '--long=31', '-c']))).toBe('zstd');
  });

  it('treats a tar as uncompressed', () => {
    const tar = execFileSync('tar', ['-c', '-f', '-', '--files-from=/dev/null']);
    expect(sniffCompression(tar.subarray(0, SNIFF_BYTES))).toBe('none');
  });

  it.each([['bzip2'], ['xz']])('refuses %s, naming the location', (tool) => {
    const layer = 'sha256:' + 'ab'.repeat(32);
    let err: unknown;
    try {
      sniffCompression(headOf(tool, ['-c']), { layer });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StowageError);
    expect((err as StowageError).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((err as StowageError).message).toContain(layer);
    expect((err as StowageError).message).toContain(tool);
  });
});

describe('sniffCompression on hand-made heads', () => {
  it('recognises every zstd skippable-frame magic and nothing next to them', () => {
    for (let low = 0; low < 16; low++) {
      expect(sniffCompression(Buffer.from([0x50 + low, 0x2a, 0x4d, 0x18]))).toBe('zstd');
    }
    expect(sniffCompression(Buffer.from([0x60, 0x2a, 0x4d, 0x18]))).toBe('none');
    expect(sniffCompression(Buffer.from([0x4f, 0x2a, 0x4d, 0x18]))).toBe('none');
  });

  it('answers none for heads too short to hold a magic', () => {
    expect(sniffCompression(Buffer.alloc(0))).toBe('none');
    expect(sniffCompression(Buffer.from([0x1f]))).toBe('none');
    expect(sniffCompression(Buffer.from([0x28, 0xb5, 0x2f]))).toBe('none');
  });
});
