/**
 * The explorer's server as a client sees it, on the sample image: the token guards every request,
 * the page carries its CSP, the model is the one the CLI reads, file bodies are downloads (attachment,
 * nosniff, sandbox) byte-equal to GNU tar's extraction — including a version a later layer
 * overwrote — and no request names anything outside a layer. The CLI: one-line errors before any
 * server starts, a port in use, --host's warning, and a clean stop on SIGINT and SIGTERM.
 */
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreModel } from '../../src/report/explore-types.js';
import type { AuditReport } from '../../src/report/audit-types.js';
import { buildAuditReport } from '../../src/report/audit-report.js';
import { loadExploreModel } from '../../src/report/explore-model.js';
import { readWithPython, run, writeSample } from '../cli/cli-harness.js';
import { openImage } from '../../src/source/index.js';
import { packageVersion } from '../../src/cli/version.js';
import { type ExploreExit, type Explorer, startExplore } from './explore-process.js';
import { layerFileBytes } from './tar-extract.js';
import { expectSchemaValid } from '../commands/schema-validate.js';

let dir: string;
let archive: string;
let explorer: Explorer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-explore-server-'));
  archive = await writeSample(dir);
  explorer = await startExplore([`docker-archive:${archive}`]);
});
afterAll(async () => {
  await explorer?.stop();
  await rm(dir, { recursive: true, force: true });
});

function withToken(path: string, params: Record<string, string> = {}): string {
  const u = new URL(path, explorer.url);
  u.search = new URL(explorer.url).search;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

describe('explore server', () => {
  it('listens on loopback and refuses every request without the right token', async () => {
    const u = new URL(explorer.url);
    expect(u.hostname).toBe('127.0.0.1');
    const token = u.searchParams.get('t') as string;
    expect(token.length).toBeGreaterThanOrEqual(32);
    for (const path of ['/', '/app.js', '/api/model', '/api/file?layer=0&path=etc/passwd']) {
      const bare = await fetch(new URL(path, u.origin));
      expect(bare.status, path).toBe(403);
      const wrong = new URL(path, u.origin);
      wrong.searchParams.set('t', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
      expect((await fetch(wrong)).status, path).toBe(403);
    }
    const page = await fetch(explorer.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the model the library reads', async () => {
    const res = await fetch(withToken('/api/model'));
    const served = (await res.json()) as ExploreModel;
    const model = await loadExploreModel(await openImage(`docker-archive:${archive}`), {
      files: true,
      audit: 'deferred',
    });
    expect(served).toEqual(JSON.parse(JSON.stringify(model)));
    await expectSchemaValid('explore', served);
    await expectSchemaValid('inspect', served.inspect);
    await expectSchemaValid('waste', served.waste);
    expect(served.audit).toBeNull();
  });

  it('serves the audit once its scan ends, as the CLI’s audit reports it', async () => {
    let res = await fetch(withToken('/api/audit'));
    for (let i = 0; i < 600 && res.status === 202; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(withToken('/api/audit'));
    }
    expect(res.status).toBe(200);
    const served = (await res.json()) as AuditReport;
    const direct = await buildAuditReport(await openImage(`docker-archive:${archive}`), {
      toolVersion: packageVersion(),
    });
    expect(served).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(served.summary.secrets).toBeGreaterThan(0);
  });

  it('serves a file version a later layer overwrote, byte-equal to tar -xO of that layer', async () => {
    const oracle = readWithPython(archive);
    const member = oracle.manifest[0]?.Layers[2] as string;
    const expected = layerFileBytes(archive, member, 'app/data/model.bin');
    const res = await fetch(withToken('/api/file', { layer: '2', path: 'app/data/model.bin' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''model.bin`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(expected)).toBe(true);
    const last = oracle.manifest[0]?.Layers[5] as string;
    const newer = Buffer.from(
      await (await fetch(withToken('/api/file', { layer: '5', path: 'app/data/model.bin' }))).arrayBuffer(),
    );
    expect(newer.equals(layerFileBytes(archive, last, 'app/data/model.bin'))).toBe(true);
    expect(newer.equals(body)).toBe(false);
    const head = await fetch(
      withToken('/api/file', { layer: '2', path: 'app/data/model.bin', limit: '100' }),
    );
    expect(Buffer.from(await head.arrayBuffer()).equals(expected.subarray(0, 100))).toBe(true);
    expect(head.headers.get('x-stowage-size')).toBe(String(expected.length));
  });

  it('refuses paths that are not image paths, and paths the layer does not store', async () => {
    for (const path of [
      '../../etc/passwd',
      '/etc/passwd',
      'etc/../../x',
      'etc//passwd',
      './etc/passwd',
      '',
    ]) {
      const res = await fetch(withToken('/api/file', { layer: '0', path }));
      expect(res.status, path).toBe(400);
    }
    expect((await fetch(withToken('/api/file', { layer: '9', path: 'etc/passwd' }))).status).toBe(400);
    const missing = await fetch(withToken('/api/file', { layer: '5', path: 'etc/passwd' }));
    expect(missing.status).toBe(404);
    const why = ((await missing.json()) as { error: string }).error;
    expect(why).toContain('layer 5 stores no entry');
    expect(why).toContain('path etc/passwd');
    expect((await fetch(withToken('/api/nothing'))).status).toBe(404);
    expect((await fetch(withToken('/'), { method: 'POST' })).status).toBe(405);
  });
});

describe('explore command', () => {
  async function failedStart(args: string[]): Promise<ExploreExit> {
    try {
      const e = await startExplore(args);
      await e.stop();
      throw new Error('explore started');
    } catch (e) {
      return e as ExploreExit;
    }
  }

  it('gives the usual one-line error for an unreadable image, before any server starts', async () => {
    const r = await failedStart([`docker-archive:${join(dir, 'missing.tar')}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^stowage: error: .*missing\.tar/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says clearly when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await failedStart([`docker-archive:${archive}`, '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(r.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('prints its URL as one stowage.explore-server/v1 line; report prints stowage.report-file/v1', async () => {
    const line: { schema: string; url: string } = { schema: 'stowage.explore-server/v1', url: explorer.url };
    await expectSchemaValid('explore-server', line);
    const out = join(dir, 'r.html');
    const r = await run(['report', `docker-archive:${archive}`, '--out', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { schema: string; out: string; bytes: number };
    await expectSchemaValid('report-file', doc);
    expect(doc.bytes).toBe((await stat(out)).size);
    const missing = await run([
      'report',
      `docker-archive:${archive}`,
      '--out',
      join(dir, 'no', 'such', 'r.html'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^stowage: error: cannot write .*ENOENT/);
    expect((await run(['report', `docker-archive:${archive}`])).stderr).toContain('report needs --out FILE');
  });

  it('warns when --host binds beyond loopback, and stops cleanly on SIGTERM and on Ctrl-C (SIGINT)', async () => {
    const e = await startExplore([`docker-archive:${archive}`, '--host', '0.0.0.0']);
    expect(e.stderr()).toContain('not loopback');
    expect(await e.stop('SIGTERM')).toBe(0);
    const again = await startExplore([`docker-archive:${archive}`]);
    expect(await again.stop('SIGINT')).toBe(0);
  });
});
