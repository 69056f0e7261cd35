/**
 * Registry references as docker and containers/image normalise them: `nginx` is
 * `docker.io/library/nginx:latest`; a first component with a `.` or `:` or equal to `localhost` is
 * a registry host (with optional port); `@sha256:…` pins a digest.
 */
import { parseDigest, type Digest } from '../../model/digest.js';
import { StowageError } from '../../model/errors.js';

/** RegistryReference is a fully normalised registry image reference. */
export interface RegistryReference {
  /** registry host as written, with port: `docker.io`, `localhost:5000` */
  registry: string;
  /** repository path: `library/nginx` */
  repository: string;
  tag?: string;
  digest?: Digest;
}

const DEFAULT_REGISTRY = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** parseRegistryReference normalises a reference such as `nginx`, `ghcr.io/o/r:1`, `host:5000/r@sha256:…`. */
export function parseRegistryReference(input: string): RegistryReference {
  const bad = (why: string): never => {
    throw new StowageError('INVALID_REFERENCE', `"${input}" is not a valid image reference: ${why}`, {
      hint: 'use NAME[:TAG] or NAME@sha256:DIGEST, e.g. docker.io/library/nginx:1.27',
    });
  };
  if (input === '' || /\s/.test(input)) bad('it is empty or contains white space');
  let rest = input;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    try {
      digest = parseDigest(rest.slice(at + 1), 'digest');
    } catch (e) {
      bad((e as Error).message);
    }
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) bad(`tag "${tag}" is invalid`);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const isHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = isHost ? first : DEFAULT_REGISTRY;
  let repository = isHost ? rest.slice(slash + 1) : rest;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes('/')) repository = `library/${repository}`;
  if (repository === '' || !repository.split('/').every((c) => COMPONENT.test(c))) {
    bad(`repository "${repository}" must be lowercase path components`);
  }
  const out: RegistryReference = { registry, repository };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  if (tag === undefined && digest === undefined) out.tag = 'latest';
  return out;
}

/** formatRegistryReference writes the canonical form `registry/repository[:tag][@digest]`. */
export function formatRegistryReference(r: RegistryReference): string {
  return `${r.registry}/${r.repository}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest !== undefined ? `@${r.digest}` : ''}`;
}

/** registryApiHost maps `docker.io` to the host that serves its API. */
export function registryApiHost(registry: string): string {
  return registry === DEFAULT_REGISTRY ? 'registry-1.docker.io' : registry;
}

/** isLoopbackHost reports whether a `host[:port]` names this machine. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.startsWith('[')
    ? hostPort.slice(1, hostPort.indexOf(']'))
    : hostPort.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
