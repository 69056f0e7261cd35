/**
 * Docker credential helpers: `docker-credential-NAME get` reads the server URL on stdin and prints
 * `{"ServerURL","Username","Secret"}`; a Username of `<token>` means Secret is an identity token.
 */
import { spawn } from 'node:child_process';
import { StowageError } from '../../model/errors.js';
import { isObject, parseJson } from '../../model/json.js';
import type { Credential } from './credentials.js';

/** runCredentialHelper asks `docker-credential-<name>` for a registry's credential. */
export async function runCredentialHelper(
  name: string,
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  const program = `docker-credential-${name}`;
  const server = registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', (e) =>
      reject(
        new StowageError('NOT_FOUND', `credential helper ${program} could not be run`, {
          hint: `install it or remove "${name}" from credsStore/credHelpers in your docker config`,
          cause: e,
        }),
      ),
    );
    child.on('close', (c) => resolve({ code: c ?? 1, stdout: out }));
    child.stdin.end(server);
  });
  // Helpers exit non-zero with "credentials not found in native keychain" when they hold nothing.
  if (code !== 0) return undefined;
  const json = parseJson(stdout, `the output of ${program}`);
  if (!isObject(json) || typeof json.Secret !== 'string') return undefined;
  const from = program;
  if (json.Username === '<token>') return { kind: 'identity-token', token: json.Secret, from };
  if (typeof json.Username !== 'string') return undefined;
  return { kind: 'basic', username: json.Username, password: json.Secret, from };
}
