/**
 * Unreliable and hostile registries, through the CLI: the real `docker-registry` behind a loopback
 * proxy that stalls, goes silent mid-blob, trickles, resets mid-blob, answers a manifest with an
 * endless body, or sends clients to a token realm that refuses connections, does not resolve or
 * answers with an endless body. Each ends in an answer (exit 0) or one clear error (exit 2) naming
 * the host and what to check, within the (small, set by flag) timeouts, with no credential printed.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { run, type CliResult } from '../cli/cli-harness.js';
import { describeWithTools } from '../helpers/tools.js';
import { flood, startFaultProxy, type FaultProxy } from '../registry/fault-proxy.js';
import { freePort, skopeoCopy, startRegistry, type RegistryServer } from '../registry/registry-server.js';
import { makeTinyImage, randomLayer } from '../registry/tiny-image.js';

const BIG = 400_000;
const PASSWORD = 'Hostile-Pw-4711';
const FAST = ['--connect-timeout', '1', '--response-timeout', '1', '--idle-timeout', '1'];

let work: string;
let reg: RegistryServer;
let proxy: FaultProxy;
let tokenFlood: Server;
let floodRealm: string;
let closedPort: number;

async function stowage(argv: string[]): Promise<CliResult & { ms: number }> {
  const start = Date.now();
  const r = await run([...argv, ...FAST, '--no-cache'], { stderrTTY: true, env: { HOME: work } });
  return { ...r, ms: Date.now() - start };
}

function image(): string {
  return `registry:${proxy.host}/tiny:v1`;
}

/** expectInputError checks exit 2, that stderr ends in the error and its hint, and no credential. */
function expectInputError(r: CliResult, detail: RegExp, hint: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr
    .split('\n')
    // eslint-disable-next-line no-control-regex -- drop the progress line's erase sequences
    .map((l) => l.replace(/^[\s\S]*\x1b\[K/, ''))
    .filter((l) => l !== '');
  expect(lines.at(-2)).toMatch(/^stowage: error: /);
  expect(lines.at(-2)).toMatch(detail);
  expect(lines.at(-1)).toMatch(/^stowage: hint: /);
  expect(lines.at(-1)).toMatch(hint);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toContain(PASSWORD);
  expect(r.stderr).not.toContain(Buffer.from(`bob:${PASSWORD}`).toString('base64'));
}

describeWithTools('hostile registries through the CLI', ['docker-registry', 'skopeo', 'umoci'], () => {
  let bigDigest: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-hostile-reg-'));
    const layout = join(work, 'layout');
    await makeTinyImage(layout, 'v1', [randomLayer(BIG), { 'etc/motd': 'hello\n' }], work);
    reg = await startRegistry();
    await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`);
    proxy = await startFaultProxy(reg.host);
    const r = await run(['inspect', '--format', 'json', image()], { env: { HOME: work } });
    const doc = JSON.parse(r.stdout) as { layers: { digest: string; compressedSize: number }[] };
    bigDigest = doc.layers.reduce((a, b) => (b.compressedSize > a.compressedSize ? b : a)).digest;
    tokenFlood = createServer((req, res) => {
      req.resume();
      flood(res, 512 << 20);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => tokenFlood.listen(port, '127.0.0.1', resolve));
    floodRealm = `http://127.0.0.1:${port}/token`;
    closedPort = await freePort();
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => tokenFlood?.close(resolve));
    tokenFlood?.closeAllConnections();
    await reg?.stop();
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(() => proxy.reset());
  const isBigBlob = (url: string): boolean => url.endsWith(`/blobs/${bigDigest}`);
  const isManifest = (url: string): boolean => url.includes('/manifests/');

  it('a server that never answers ends with a timeout naming the host and the flag', async () => {
    proxy.fault = (r) => (isManifest(r.url) ? { kind: 'stall' } : undefined);
    const r = await stowage(['inspect', image()]);
    expectInputError(r, new RegExp(`${proxy.host} sent no answer within 1 s`), /--response-timeout/);
    expect(r.stderr).toContain(`waiting for ${proxy.host} (manifest tiny:v1)`);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('a blob that goes silent mid-way ends with an idle timeout', async () => {
    proxy.fault = (r) => (isBigBlob(r.url) ? { kind: 'stallAfter', afterBytes: 100_000 } : undefined);
    const r = await stowage(['inspect', image()]);
    expectInputError(r, /sent no data within 1 s while fetching blob sha256:/, /--idle-timeout/);
    expect(r.ms).toBeLessThan(8_000);
  });

  it('a trickling server that keeps sending is waited for, with the download on the progress line', async () => {
    proxy.fault = (r) => (isBigBlob(r.url) ? { kind: 'trickle', bytes: 64_000, everyMs: 200 } : undefined);
    const r = await stowage(['inspect', '--format', 'json', image()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/downloading blob sha256:[0-9a-f]+… from 127\.0\.0\.1:\d+: \d+ of 4\d{5} bytes/);
  });

  it('a connection reset mid-blob resumes with Range and the digest still verifies', async () => {
    proxy.fault = (r, n) => (isBigBlob(r.url) && n === 0 ? { kind: 'cut', afterBytes: 150_000 } : undefined);
    const out = join(work, 'pulled');
    const r = await stowage(['pull', image(), '--to', `oci:${out}:v1`]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const gets = proxy.blobGets().filter((g) => isBigBlob(g.url));
    expect(gets.map((g) => g.headers.range)).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
    const verify = await run(['inspect', '--format', 'json', `oci:${out}:v1`]);
    expect(verify.code).toBe(0);
  });

  it('a manifest answered with an endless body is refused at the manifest limit', async () => {
    proxy.fault = (r) => (isManifest(r.url) ? { kind: 'flood', bytes: 1 << 30 } : undefined);
    const before = process.memoryUsage().rss;
    const r = await stowage(['inspect', image()]);
    expectInputError(r, /manifest tiny:v1 is larger than 4194304 bytes/, /--max-manifest-size/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 << 20);
  });

  it('a token realm that refuses connections is exit 2 naming the realm host, no credential shown', async () => {
    proxy.fault = (r) =>
      r.url.startsWith('/v2/')
        ? { kind: 'bearer', realm: `http://127.0.0.1:${closedPort}/token` }
        : undefined;
    for (const extra of [[], ['--debug']]) {
      const r = await stowage(['inspect', '--creds', `bob:${PASSWORD}`, ...extra, image()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`stowage: error: 127.0.0.1:${closedPort} refused the connection`);
      expect(r.stderr).toContain(`a token from the realm http://127.0.0.1:${closedPort}`);
      expect(r.stderr).not.toContain(PASSWORD);
    }
  });

  it('a token realm whose host does not resolve is exit 2 naming it', async () => {
    proxy.fault = (r) =>
      r.url.startsWith('/v2/') ? { kind: 'bearer', realm: 'https://stowage-realm.invalid/token' } : undefined;
    const r = await stowage(['inspect', '--creds', `bob:${PASSWORD}`, image()]);
    expectInputError(r, /the name stowage-realm\.invalid does not resolve/, /DNS/);
  });

  it('a token answer with an endless body is refused at the token limit', async () => {
    proxy.fault = (r) => (r.url.startsWith('/v2/') ? { kind: 'bearer', realm: floodRealm } : undefined);
    const r = await stowage(['inspect', '--creds', `bob:${PASSWORD}`, image()]);
    expectInputError(
      r,
      /token response from http:\/\/127\.0\.0\.1:\d+ is larger than 1048576 bytes/,
      /--max-token-size/,
    );
  });

  it('a registry that refuses connections is exit 2 after a few tries', async () => {
    const r = await stowage(['inspect', `registry:127.0.0.1:${closedPort}/tiny:v1`]);
    expectInputError(
      r,
      new RegExp(`127.0.0.1:${closedPort} refused the connection .*after 5 tries`),
      /listens/,
    );
  });
});
