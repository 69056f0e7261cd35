import { describe, expect, it } from 'vitest';
import { declaredCompression, MediaTypes } from './media-types.js';

describe('declaredCompression', () => {
  it('names the compression each known layer media type claims', () => {
    const claims = Object.fromEntries(
      Object.entries(MediaTypes)
        .map(([name, mt]) => [name, declaredCompression(mt)])
        .filter(([, c]) => c !== undefined),
    );
    expect(claims).toEqual({
      ociLayer: 'none',
      ociLayerGzip: 'gzip',
      ociLayerZstd: 'zstd',
      ociLayerNondistributable: 'none',
      ociLayerNondistributableGzip: 'gzip',
      ociLayerNondistributableZstd: 'zstd',
      dockerLayerGzip: 'gzip',
      dockerLayerForeignGzip: 'gzip',
      dockerLayerTar: 'none',
    });
  });

  it('claims nothing for types that are not layers or not known', () => {
    expect(declaredCompression(MediaTypes.ociManifest)).toBeUndefined();
    expect(declaredCompression('application/vnd.example.layer.v1.tar+gzip')).toBeUndefined();
  });
});
