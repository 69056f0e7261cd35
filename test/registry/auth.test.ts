/**
 * Registry access against a real docker-registry: anonymous, htpasswd Basic auth, token auth with
 * the test's own token server, and credentials from --creds, a docker config.json (auth and
 * identitytoken) and a docker-credential helper. Credentials never appear in an error.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openRegistry, type RegistrySourceOptions } from '../../src/source/registry/index.js';
import { run as runCli } from '../cli/cli-harness.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { summarize, summarizeLayout, type ImageSummary } from './image-summary.js';
import { skopeoCopy, startRegistry, type RegistryServer } from './registry-server.js';
import { makeTinyImage, randomLayer } from './tiny-image.js';
import { startTokenServer, type TokenServer } from './token-server.js';

const USER = 'alice';
const PASSWORD = 'pw-Zq81-secret';
const WRONG = 'wrong-Kx07-secret';
const REFRESH = 'refresh-Tk55-secret';
const SECRETS = [PASSWORD, WRONG, REFRESH];

let work: string;
let layout: string;
let expected: ImageSummary;

/** readVia reads the pushed image through the registry source, each time with a fresh cache. */
async function readVia(reference: string, opts: RegistrySourceOptions = {}): Promise<ImageSummary> {
  const cacheDir = await mkdtemp(join(work, 'cache-'));
  return summarize(blobImage(await openRegistry(reference, { env: {}, home: work, cacheDir, ...opts })));
}

/** failure runs `fn` and returns the StowageError it threw, checking no secret is in its text. */
async function failure(fn: () => Promise<unknown>): Promise<StowageError> {
  const e = await fn().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StowageError);
  let text = '';
  for (let c: unknown = e; c !== undefined && c !== null; c = (c as Error).cause) {
    text += `${String(c)}\n${(c as Error).stack ?? ''}\n${JSON.stringify(c)}\n`;
  }
  for (const s of SECRETS) expect(text).not.toContain(s);
  return e as StowageError;
}

async function writeDockerConfig(home: string, config: unknown): Promise<void> {
  await mkdir(join(home, '.docker'), { recursive: true });
  await writeFile(join(home, '.docker', 'config.json'), JSON.stringify(config));
}

describeWithTools(
  'registry source: auth',
  ['docker-registry', 'skopeo', 'umoci', 'htpasswd', 'openssl'],
  () => {
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'stowage-reg-auth-'));
      layout = join(work, 'layout');
      await makeTinyImage(layout, 'v1', [randomLayer(20_000), { 'etc/hello': 'hi\n' }], work);
      expected = await summarizeLayout(layout, 'v1');
    });
    afterAll(async () => {
      await rm(work, { recursive: true, force: true });
    });

    describe('anonymous', () => {
      let reg: RegistryServer;
      beforeAll(async () => {
        reg = await startRegistry();
        await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`);
      });
      afterAll(() => reg.stop());

      it('reads the pushed image with the same digests and entries', async () => {
        const got = await readVia(`${reg.host}/tiny:v1`);
        const raw = await runText('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--format',
          '{{.Digest}}',
          `docker://${reg.host}/tiny:v1`,
        ]);
        expect(got.manifestDigest).toBe(raw);
        expect(got.diffIds).toEqual(expected.diffIds);
        expect(got.layers).toEqual(expected.layers);
      });

      it('reads by digest and rejects an unknown tag with NOT_FOUND', async () => {
        const byTag = await openRegistry(`${reg.host}/tiny:v1`, { noCache: true });
        const got = await readVia(`${reg.host}/tiny@${byTag.document.digest}`);
        expect(got.layers).toEqual(expected.layers);
        const e = await failure(() => openRegistry(`${reg.host}/tiny:nope`, { noCache: true }));
        expect(e.code).toBe('NOT_FOUND');
        expect(e.message).toContain('tiny:nope');
      });
    });

    describe('htpasswd basic auth', () => {
      let reg: RegistryServer;
      beforeAll(async () => {
        const htpasswd = join(work, 'htpasswd');
        await writeFile(htpasswd, `${await runText('htpasswd', ['-Bbn', USER, PASSWORD])}\n`);
        reg = await startRegistry({ htpasswd: { realm: 'stowage-test', path: htpasswd } });
        await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`, [
          '--dest-creds',
          `${USER}:${PASSWORD}`,
        ]);
      });
      afterAll(() => reg.stop());

      it('reads with --creds', async () => {
        const got = await readVia(`${reg.host}/tiny:v1`, { creds: `${USER}:${PASSWORD}` });
        expect(got.layers).toEqual(expected.layers);
      });

      it('reads with STOWAGE_REGISTRY_USERNAME/PASSWORD', async () => {
        const env = { STOWAGE_REGISTRY_USERNAME: USER, STOWAGE_REGISTRY_PASSWORD: PASSWORD };
        const got = await readVia(`${reg.host}/tiny:v1`, { env });
        expect(got.diffIds).toEqual(expected.diffIds);
      });

      it('reads with a docker config.json auths entry', async () => {
        const home = await mkdtemp(join(work, 'home-'));
        const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
        await writeDockerConfig(home, { auths: { [reg.host]: { auth } } });
        const got = await readVia(`${reg.host}/tiny:v1`, { home });
        expect(got.layers).toEqual(expected.layers);
      });

      it('reads with podman auth.json from REGISTRY_AUTH_FILE', async () => {
        const file = join(work, 'auth.json');
        const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
        await writeFile(file, JSON.stringify({ auths: { [reg.host]: { auth } } }));
        const got = await readVia(`${reg.host}/tiny:v1`, { env: { REGISTRY_AUTH_FILE: file } });
        expect(got.diffIds).toEqual(expected.diffIds);
      });

      it('says a login is needed without credentials', async () => {
        const e = await failure(() => readVia(`${reg.host}/tiny:v1`));
        expect(e.code).toBe('UNAUTHORIZED');
        expect(e.message).toContain('requires a login');
      });

      it('keeps the password out of CLI output, --debug included', async () => {
        for (const password of [WRONG, PASSWORD]) {
          const to = join(await mkdtemp(join(work, 'cli-')), 'out.tar');
          const r = await runCli(
            ['pull', `registry:${reg.host}/tiny:v1`, '--to', `oci-archive:${to}`, '--debug'],
            {
              env: {
                XDG_CACHE_HOME: join(work, 'cli-cache'),
                STOWAGE_REGISTRY_USERNAME: USER,
                STOWAGE_REGISTRY_PASSWORD: password,
              },
            },
          );
          expect(r.code).toBe(password === WRONG ? 2 : 0);
          for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
        }
      });

      it('rejects a wrong password clearly, without showing it', async () => {
        const e = await failure(() => readVia(`${reg.host}/tiny:v1`, { creds: `${USER}:${WRONG}` }));
        expect(e.code).toBe('UNAUTHORIZED');
        expect(e.message).toMatch(/rejected the credentials from --creds/);
      });
    });

    describe('token auth', () => {
      let reg: RegistryServer;
      let tokens: TokenServer;
      beforeAll(async () => {
        tokens = await startTokenServer(work, { basic: { [USER]: PASSWORD }, refreshTokens: [REFRESH] });
        reg = await startRegistry(tokens.authConfig());
        await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/team/tiny:v1`, [
          '--dest-creds',
          `${USER}:${PASSWORD}`,
        ]);
      });
      afterAll(async () => {
        await reg.stop();
        await tokens.stop();
      });

      it('gets a bearer token with basic credentials and reads the image', async () => {
        tokens.requests.length = 0;
        const got = await readVia(`${reg.host}/team/tiny:v1`, { creds: `${USER}:${PASSWORD}` });
        expect(got.layers).toEqual(expected.layers);
        expect(tokens.requests.length).toBeGreaterThan(0);
        const first = tokens.requests[0];
        expect(first?.method).toBe('GET');
        expect(first?.url).toContain('scope=repository%3Ateam%2Ftiny%3Apull');
        expect(first?.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
      });

      it('uses an identity token from config.json with an OAuth2 refresh_token POST', async () => {
        tokens.requests.length = 0;
        const home = await mkdtemp(join(work, 'home-'));
        await writeDockerConfig(home, { auths: { [reg.host]: { auth: '', identitytoken: REFRESH } } });
        const got = await readVia(`${reg.host}/team/tiny:v1`, { home });
        expect(got.diffIds).toEqual(expected.diffIds);
        const post = tokens.requests.find((r) => r.method === 'POST');
        expect(post?.form.grant_type).toBe('refresh_token');
        expect(post?.form.refresh_token).toBe(REFRESH);
        expect(post?.form.service).toBe(tokens.service);
        expect(post?.form.scope).toContain('repository:team/tiny:pull');
      });

      it('asks a docker-credential helper named in credHelpers (and credsStore)', async () => {
        const bin = await mkdtemp(join(work, 'bin-'));
        const helper = join(bin, 'docker-credential-stowagetest');
        const log = join(bin, 'asked');
        await writeFile(
          helper,
          `#!/bin/sh\n[ "$1" = get ] || exit 1\nread server\necho "$server" >> ${log}\n` +
            `printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$server"\n`,
        );
        await chmod(helper, 0o755);
        const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
        for (const config of [
          { credHelpers: { [reg.host]: 'stowagetest' } },
          { credsStore: 'stowagetest' },
        ]) {
          const home = await mkdtemp(join(work, 'home-'));
          await writeDockerConfig(home, config);
          const got = await readVia(`${reg.host}/team/tiny:v1`, { home, env });
          expect(got.layers).toEqual(expected.layers);
        }
        expect((await runText('cat', [log])).split('\n')).toEqual([reg.host, reg.host]);
      });

      it('refuses anonymous access and a wrong password with UNAUTHORIZED, showing neither secret', async () => {
        const anon = await failure(() => readVia(`${reg.host}/team/tiny:v1`));
        expect(anon.code).toBe('UNAUTHORIZED');
        expect(anon.message).toContain('refused anonymous access');
        const wrong = await failure(() => readVia(`${reg.host}/team/tiny:v1`, { creds: `${USER}:${WRONG}` }));
        expect(wrong.code).toBe('UNAUTHORIZED');
        expect(wrong.message).toContain('rejected the credentials from --creds');
        const badToken = await mkdtemp(join(work, 'home-'));
        await writeDockerConfig(badToken, { auths: { [reg.host]: { identitytoken: WRONG } } });
        const e = await failure(() => readVia(`${reg.host}/team/tiny:v1`, { home: badToken }));
        expect(e.code).toBe('UNAUTHORIZED');
      });
    });
  },
);
