import { describe, expect, it } from 'vitest';
import { formatRegistryReference, isLoopbackHost, parseRegistryReference } from './reference.js';

describe('parseRegistryReference', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['user/app', 'docker.io/user/app:latest'],
    ['index.docker.io/library/alpine:3', 'docker.io/library/alpine:3'],
    ['ghcr.io/o/r/sub:v1', 'ghcr.io/o/r/sub:v1'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['127.0.0.1:5000/a/b', '127.0.0.1:5000/a/b:latest'],
    [`busybox@sha256:${'a'.repeat(64)}`, `docker.io/library/busybox@sha256:${'a'.repeat(64)}`],
    [`r.io/x:1@sha256:${'b'.repeat(64)}`, `r.io/x:1@sha256:${'b'.repeat(64)}`],
  ])('%s → %s', (input, want) => {
    expect(formatRegistryReference(parseRegistryReference(input))).toBe(want);
  });

  it.each(['', 'Nginx', 'a b', 'x@sha256:123', 'host:5000/app:bad tag', 'app:-x'])('rejects %j', (input) => {
    expect(() => parseRegistryReference(input)).toThrow(
      expect.objectContaining({ code: 'INVALID_REFERENCE' }),
    );
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['127.3.4.5:80', true],
    ['[::1]:5000', true],
    ['registry.example.com', false],
    ['10.0.0.1:5000', false],
  ])('%s → %s', (h, want) => expect(isLoopbackHost(h)).toBe(want));
});
