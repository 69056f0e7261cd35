import { describe, expect, it } from 'vitest';
import { parseSinkReference } from './sink-reference.js';

describe('parseSinkReference', () => {
  it('splits the path at the first colon', () => {
    expect(parseSinkReference('oci:./out')).toEqual({ kind: 'oci', path: './out' });
    expect(parseSinkReference('oci:./out:v1.2')).toEqual({ kind: 'oci', path: './out', name: 'v1.2' });
    expect(parseSinkReference('oci-archive:/tmp/a.tar:latest')).toEqual({
      kind: 'oci-archive',
      path: '/tmp/a.tar',
      name: 'latest',
    });
    expect(parseSinkReference('docker-archive:a.tar:example/app:v1')).toEqual({
      kind: 'docker-archive',
      path: 'a.tar',
      name: 'example/app:v1',
    });
    expect(parseSinkReference('docker-archive:a.tar:localhost:5000/app:v1').name).toBe(
      'localhost:5000/app:v1',
    );
  });
  it('rejects unknown schemes, empty paths and bad tags with USAGE', () => {
    for (const bad of ['registry:x', 'out', 'oci:', 'oci:dir:bad/tag', 'docker-archive:a.tar:Upper:x']) {
      expect(() => parseSinkReference(bad)).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
  });
});
