/**
 * One GET to an engine's HTTP API over its unix socket (node:http with `socketPath`), with the
 * failures people hit turned into clear errors: no socket, no permission, an engine error reply.
 */
import { request, type IncomingMessage } from 'node:http';
import { StowageError } from '../../model/errors.js';
import type { EngineKind } from './engine-socket.js';

const START_HINT: Record<EngineKind, string> = {
  docker: 'start the Docker daemon, or point DOCKER_HOST at its socket (unix:///path/docker.sock)',
  podman:
    'start the podman API service (`systemctl --user start podman.socket` or `podman system service`), or set CONTAINER_HOST=unix:///path/podman.sock',
};

/** engineGet sends `GET path` to the engine and resolves with a 2xx response; other replies throw. */
export function engineGet(
  kind: EngineKind,
  socketPath: string,
  path: string,
  what: string,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', headers: { host: 'localhost' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve(res);
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d.length + body.length < 4096 ? d : ''));
      res.on('end', () => reject(replyError(kind, status, body, what)));
      res.on('error', reject);
    });
    req.on('error', (e: NodeJS.ErrnoException) => reject(connectError(kind, socketPath, e)));
    req.end();
  });
}

function connectError(kind: EngineKind, socketPath: string, e: NodeJS.ErrnoException): StowageError {
  const where = { file: socketPath };
  if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') {
    return new StowageError('NOT_FOUND', `no ${kind} engine is listening on its socket`, {
      where,
      hint: START_HINT[kind],
      cause: e,
    });
  }
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new StowageError('NOT_FOUND', `permission denied on the ${kind} socket`, {
      where,
      hint:
        kind === 'docker'
          ? 'add your user to the docker group, or run as root'
          : 'use your own (rootless) podman socket',
      cause: e,
    });
  }
  return new StowageError('NETWORK', `could not talk to ${kind}: ${e.message}`, { where, cause: e });
}

function replyError(kind: EngineKind, status: number, body: string, what: string): StowageError {
  let message = body.trim();
  try {
    const json = JSON.parse(body) as { message?: unknown };
    if (typeof json.message === 'string') message = json.message;
  } catch {
    // not JSON: keep the text
  }
  if (status === 404) {
    return new StowageError('NOT_FOUND', `${kind} has no image ${what}`, {
      hint: `check the name with \`${kind} images\`; pull it first if it lives in a registry`,
      cause: new Error(message),
    });
  }
  return new StowageError('NETWORK', `${kind} answered HTTP ${status} for ${what}: ${message.slice(0, 300)}`);
}
