/**
 * Where an engine's API socket is: docker honours `DOCKER_HOST=unix://…` and defaults to
 * /var/run/docker.sock; podman honours `CONTAINER_HOST=unix://…`, then the rootless socket
 * `$XDG_RUNTIME_DIR/podman/podman.sock`, then the rootful /run/podman/podman.sock.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StowageError } from '../../model/errors.js';

/** EngineKind names a local container engine. */
export type EngineKind = 'docker' | 'podman';

/** engineSocket returns the unix socket path for `kind` under `env`. */
export function engineSocket(kind: EngineKind, env: NodeJS.ProcessEnv = process.env): string {
  const variable = kind === 'docker' ? 'DOCKER_HOST' : 'CONTAINER_HOST';
  const host = env[variable];
  if (host !== undefined && host !== '') {
    if (!host.startsWith('unix://')) {
      throw new StowageError('USAGE', `${variable}=${host} is not a unix socket`, {
        hint: `stowage talks to ${kind} over a local unix socket only; set ${variable}=unix:///path/to.sock`,
      });
    }
    return host.slice('unix://'.length);
  }
  if (kind === 'docker') return '/var/run/docker.sock';
  const rootless =
    env.XDG_RUNTIME_DIR !== undefined ? join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : undefined;
  return rootless !== undefined && existsSync(rootless) ? rootless : '/run/podman/podman.sock';
}
