/**
 * Network faults from a loopback proxy in front of a real registry: 429 with Retry-After, 503, a
 * connection cut mid-blob (resumed with Range and verified), bytes that don't match their digest
 * (rejected, nothing cached), a cross-host redirect (Authorization dropped), and a second read that
 * fetches no blob at all.
 */
import { readdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import { blobImage } from '../../src/source/blob-image.js';
import { openOciLayout } from '../../src/source/oci-layout/index.js';
import { openRegistry, type RegistrySourceOptions } from '../../src/source/registry/index.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { summarize, summarizeLayout, type ImageSummary } from './image-summary.js';
import { freePort, skopeoCopy, startRegistry, type RegistryServer } from './registry-server.js';
import { makeTinyImage, randomLayer } from './tiny-image.js';

const BIG = 400_000;

let work: string;
let layout: string;
let expected: ImageSummary;
let bigDigest: string;

/** listFiles lists every file under `dir`, recursively, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describeWithTools('registry source: faults', ['docker-registry', 'skopeo', 'umoci', 'htpasswd'], () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-reg-faults-'));
    layout = join(work, 'layout');
    await makeTinyImage(layout, 'v1', [randomLayer(BIG), { 'etc/motd': 'hello\n' }], work);
    expected = await summarizeLayout(layout, 'v1');
    const image = blobImage(await openOciLayout({ path: layout, tag: 'v1' }));
    const layers = await image.layers();
    bigDigest = layers.reduce((a, b) => (b.size > a.size ? b : a)).digest;
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  describe('anonymous registry behind a proxy', () => {
    let reg: RegistryServer;
    let proxy: FaultProxy;
    let opts: () => Promise<RegistrySourceOptions>;
    beforeAll(async () => {
      reg = await startRegistry();
      await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`);
      proxy = await startFaultProxy(reg.host);
      opts = async () => ({ env: {}, cacheDir: await mkdtemp(join(work, 'cache-')) });
    });
    afterAll(async () => {
      await proxy.stop();
      await reg.stop();
    });
    beforeEach(() => proxy.reset());
    const isBigBlob = (url: string): boolean => url.endsWith(`/blobs/${bigDigest}`);

    it('waits as long as Retry-After says after a 429', async () => {
      proxy.fault = (r, n) =>
        r.url.includes('/manifests/') && n === 0
          ? { kind: 'status', status: 429, headers: { 'retry-after': '1' } }
          : undefined;
      const got = await summarize(blobImage(await openRegistry(`${proxy.host}/tiny:v1`, await opts())));
      expect(got.layers).toEqual(expected.layers);
      const tries = proxy.records.filter((r) => r.url.includes('/manifests/'));
      expect(tries.length).toBe(2);
      expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    });

    it('retries a blob after a 503', async () => {
      proxy.fault = (r, n) => (isBigBlob(r.url) && n === 0 ? { kind: 'status', status: 503 } : undefined);
      const got = await summarize(blobImage(await openRegistry(`${proxy.host}/tiny:v1`, await opts())));
      expect(got).toEqual({
        ...expected,
        manifestDigest: got.manifestDigest,
        configDigest: got.configDigest,
      });
      expect(proxy.blobGets().filter((r) => isBigBlob(r.url)).length).toBe(2);
    });

    it('resumes a blob cut mid-way with a Range request and verifies the result', async () => {
      const cut = 100_000;
      proxy.fault = (r, n) => (isBigBlob(r.url) && n === 0 ? { kind: 'cut', afterBytes: cut } : undefined);
      const o = await opts();
      const got = await summarize(blobImage(await openRegistry(`${proxy.host}/tiny:v1`, o)));
      expect(got.layers).toEqual(expected.layers);
      const gets = proxy.blobGets().filter((r) => isBigBlob(r.url));
      expect(gets.length).toBe(2);
      expect(gets[0]?.headers.range).toBeUndefined();
      const m = /^bytes=(\d+)-$/.exec(String(gets[1]?.headers.range));
      expect(m).not.toBeNull();
      const from = Number(m?.[1]);
      expect(from).toBeGreaterThan(0);
      expect(from).toBeLessThanOrEqual(cut);
      expect(await listFiles(o.cacheDir as string)).toContain(join('blobs', 'sha256', bigDigest.slice(7)));
    });

    it('rejects bytes that do not match the digest and caches nothing of them', async () => {
      proxy.fault = (r) => (isBigBlob(r.url) ? { kind: 'corrupt', atByte: 50_000 } : undefined);
      const o = await opts();
      const image = blobImage(await openRegistry(`${proxy.host}/tiny:v1`, o));
      const e = await summarize(image).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(StowageError);
      expect((e as StowageError).code).toBe('DIGEST_MISMATCH');
      expect((e as StowageError).message).toContain(bigDigest);
      const files = await listFiles(o.cacheDir as string);
      expect(files.some((f) => f.includes(bigDigest.slice(7)))).toBe(false);
      expect(files.some((f) => f.includes('.tmp'))).toBe(false);
    });

    it('fetches no blob the second time an image is analysed', async () => {
      const o = await opts();
      await summarize(blobImage(await openRegistry(`${proxy.host}/tiny:v1`, o)));
      const first = proxy.blobGets().length;
      expect(first).toBe(expected.layers.length + 1);
      const again = await summarize(
        blobImage(await openRegistry(`${proxy.host}/tiny:v1`, { ...o, env: {} })),
      );
      expect(again.layers).toEqual(expected.layers);
      expect(proxy.blobGets().length).toBe(first);
      expect(proxy.records.filter((r) => r.url.includes('/manifests/')).length).toBe(2);
    });
  });

  describe('a cross-host redirect', () => {
    let reg: RegistryServer;
    let proxy: FaultProxy;
    let storage: Server;
    const seen: IncomingHttpHeaders[] = [];
    const creds = 'bob:redirect-Pw-93';
    beforeAll(async () => {
      const htpasswd = join(work, 'htpasswd');
      await writeFile(htpasswd, `${await runText('htpasswd', ['-Bbn', 'bob', 'redirect-Pw-93'])}\n`);
      reg = await startRegistry({ htpasswd: { realm: 'r', path: htpasswd } });
      await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/tiny:v1`, ['--dest-creds', creds]);
      // Blob storage on another loopback address: it records headers and serves from the registry.
      storage = createServer((req, res) => {
        seen.push(req.headers);
        void fetch(`http://${reg.host}${req.url ?? ''}`, {
          headers: { authorization: `Basic ${Buffer.from(creds).toString('base64')}` },
        }).then(async (up) => {
          res.writeHead(up.status, { 'content-length': up.headers.get('content-length') ?? '0' });
          res.end(Buffer.from(await up.arrayBuffer()));
        });
      });
      const port = await freePort('127.0.0.2');
      await new Promise<void>((resolve) => storage.listen(port, '127.0.0.2', resolve));
      proxy = await startFaultProxy(reg.host);
      proxy.fault = (r) =>
        /\/blobs\/sha256:/.test(r.url)
          ? { kind: 'redirect', location: `http://127.0.0.2:${port}${r.url}` }
          : undefined;
    });
    afterAll(async () => {
      await proxy.stop();
      await new Promise((resolve) => storage.close(resolve));
      await reg.stop();
    });

    it('drops the Authorization header when a blob redirect leaves the host', async () => {
      const cacheDir = await mkdtemp(join(work, 'cache-'));
      const got = await summarize(
        blobImage(await openRegistry(`${proxy.host}/tiny:v1`, { env: {}, creds, cacheDir })),
      );
      expect(got.layers).toEqual(expected.layers);
      const blobGets = proxy.blobGets();
      expect(blobGets.length).toBeGreaterThan(0);
      expect(blobGets.every((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
      expect(seen.length).toBe(blobGets.length);
      expect(seen.every((h) => h.authorization === undefined)).toBe(true);
    });
  });
});
