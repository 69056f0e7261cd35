/**
 * Where registry credentials come from, in the order docker and podman users expect: an explicit
 * `--creds`, environment variables, `REGISTRY_AUTH_FILE`, podman's auth.json, then docker's
 * config.json (`credHelpers`, `auths`, `credsStore`). Credentials never appear in messages.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StowageError } from '../../model/errors.js';
import { isObject, parseJson } from '../../model/json.js';
import { runCredentialHelper } from './cred-helper.js';

/** Credential is a username/password pair or an OAuth2 refresh ("identity") token. */
export type Credential =
  | { kind: 'basic'; username: string; password: string; from: string }
  | { kind: 'identity-token'; token: string; from: string };

/** CredentialOptions override where credentials are looked up (tests use these). */
export interface CredentialOptions {
  /** `user:pass` from --creds */
  creds?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** parseCredsFlag reads `user:pass`; the password may itself contain colons. */
export function parseCredsFlag(value: string): Credential {
  const i = value.indexOf(':');
  if (i <= 0) {
    throw new StowageError('USAGE', '--creds must be USER:PASSWORD', {
      hint: 'or put the credentials in ~/.docker/config.json with `docker login`',
    });
  }
  return { kind: 'basic', username: value.slice(0, i), password: value.slice(i + 1), from: '--creds' };
}

/** lookupCredential finds the credential for a registry host, or undefined for anonymous access. */
export async function lookupCredential(
  registry: string,
  opts: CredentialOptions = {},
): Promise<Credential | undefined> {
  const env = opts.env ?? process.env;
  if (opts.creds !== undefined) return parseCredsFlag(opts.creds);
  const user = env.STOWAGE_REGISTRY_USERNAME;
  const pass = env.STOWAGE_REGISTRY_PASSWORD;
  if (user !== undefined && pass !== undefined) {
    return { kind: 'basic', username: user, password: pass, from: 'STOWAGE_REGISTRY_USERNAME/PASSWORD' };
  }
  const home = opts.home ?? homedir();
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE !== undefined) files.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR !== undefined) files.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  files.push(join(env.DOCKER_CONFIG ?? join(home, '.docker'), 'config.json'));
  for (const file of files) {
    const found = await fromConfigFile(file, registry, env);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** authKeys are the keys a config's `auths` may use for a registry host. */
function authKeys(registry: string): string[] {
  const keys = [
    registry,
    `https://${registry}`,
    `http://${registry}`,
    `https://${registry}/v1/`,
    `https://${registry}/v2/`,
  ];
  if (registry === 'docker.io')
    keys.push('https://index.docker.io/v1/', 'index.docker.io', 'registry-1.docker.io');
  return keys;
}

async function fromConfigFile(
  file: string,
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const json = parseJson(text, 'registry credentials file', { file });
  if (!isObject(json)) return undefined;
  const keys = authKeys(registry);
  const helpers = isObject(json.credHelpers) ? json.credHelpers : {};
  for (const k of keys) {
    const helper = helpers[k];
    if (typeof helper === 'string') return runCredentialHelper(helper, registry, env);
  }
  const auths = isObject(json.auths) ? json.auths : {};
  for (const k of keys) {
    const entry = auths[k];
    if (!isObject(entry)) continue;
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
      return { kind: 'identity-token', token: entry.identitytoken, from: file };
    }
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i <= 0) {
        throw new StowageError('USAGE', `the "auth" entry for ${k} is not base64 of user:password`, {
          where: { file },
          hint: 'run `docker login` again or fix the entry',
        });
      }
      return { kind: 'basic', username: decoded.slice(0, i), password: decoded.slice(i + 1), from: file };
    }
  }
  if (typeof json.credsStore === 'string' && json.credsStore !== '') {
    return runCredentialHelper(json.credsStore, registry, env);
  }
  return undefined;
}
