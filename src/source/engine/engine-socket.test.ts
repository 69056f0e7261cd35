import { describe, expect, it } from 'vitest';
import { engineSocket } from './engine-socket.js';

describe('engineSocket', () => {
  it('honours DOCKER_HOST and CONTAINER_HOST unix addresses', () => {
    expect(engineSocket('docker', { DOCKER_HOST: 'unix:///tmp/d.sock' })).toBe('/tmp/d.sock');
    expect(engineSocket('podman', { CONTAINER_HOST: 'unix:///tmp/p.sock' })).toBe('/tmp/p.sock');
  });
  it('falls back to the default sockets', () => {
    expect(engineSocket('docker', {})).toBe('/var/run/docker.sock');
    expect(engineSocket('podman', { XDG_RUNTIME_DIR: '/nonexistent-run' })).toBe('/run/podman/podman.sock');
  });
  it('refuses a TCP engine address with USAGE', () => {
    expect(() => engineSocket('docker', { DOCKER_HOST: 'tcp://1.2.3.4:2375' })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});
