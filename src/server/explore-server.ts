/**
 * ExploreServer: the explorer's HTTP server over one read image — the page, the bundled client, the
 * model and file bodies — bound to loopback unless told otherwise. Every request must carry the
 * random access token (`?t=`) or gets 403. File bodies are downloads (attachment, nosniff, a
 * sandboxing CSP) so nothing inside an image can run script in the explorer's origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isStowageError, StowageError } from '../model/errors.js';
import type { Image } from '../model/image.js';
import type { AuditReport } from '../report/audit-types.js';
import type { ExploreModel } from '../report/explore-types.js';
import { SERVED_CSP, servedPage } from '../report/render/explore-html.js';
import { openLayerFile } from '../extract/layer-file.js';
import { validApiPath } from './api-path.js';
import type { WebAssets } from './web-assets.js';

/** ExploreServerOptions say what to serve and where. */
export interface ExploreServerOptions {
  model: ExploreModel;
  /** the audit, when the model holds none: served at /api/audit once it settles */
  audit?: Promise<AuditReport>;
  image: Image;
  assets: WebAssets;
  /** default 127.0.0.1 */
  host?: string;
  /** default 0: a free port */
  port?: number;
  /** default: 24 random bytes */
  token?: string;
}

/** RunningServer is a listening explorer. */
export interface RunningServer {
  /** the URL to open, token included */
  url: string;
  token: string;
  close(): Promise<void>;
}

const BODY_HEADERS = {
  'Content-Type': 'application/octet-stream',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox allow-downloads",
  'Cache-Control': 'no-store',
};

/** startExploreServer listens and resolves once the port is bound. */
export async function startExploreServer(opts: ExploreServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  // only the encoded model is kept: the object (and what it was built from) can go
  const modelJson = Buffer.from(JSON.stringify(opts.model));
  const modelGz = gzipSync(modelJson, { level: 1 });
  const page = servedPage(opts.model.inspect.reference, token);
  const layerCount = opts.model.inspect.layers.length;
  const { image, assets } = opts;
  let audit: { ok: AuditReport } | { error: string } | undefined;
  opts.audit?.then(
    (ok) => (audit = { ok }),
    (e: unknown) => (audit = { error: (e as Error).message }),
  );
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => fail(res, 500, `internal error: ${(e as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!tokenMatches(url.searchParams.get('t'), token))
      return fail(res, 403, 'forbidden: a valid token is required');
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'only GET and HEAD');
    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': SERVED_CSP });
      case '/app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
      case '/app.css':
        return send(res, 200, 'text/css; charset=utf-8', assets.css);
      case '/api/model': {
        const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        return send(
          res,
          200,
          'application/json',
          gz ? modelGz : modelJson,
          gz ? { 'Content-Encoding': 'gzip' } : {},
        );
      }
      case '/api/file':
        return serveFile(url, res);
      case '/api/audit':
        if (audit === undefined) return send(res, 202, 'application/json', '{"pending":true}');
        if ('error' in audit) return fail(res, 502, audit.error);
        return send(res, 200, 'application/json', JSON.stringify(audit.ok));
      default:
        return fail(res, 404, `no such endpoint: ${url.pathname}`);
    }
  }

  async function serveFile(url: URL, res: ServerResponse): Promise<void> {
    const layer = Number(url.searchParams.get('layer'));
    const path = url.searchParams.get('path') ?? '';
    const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : Infinity;
    if (!Number.isInteger(layer) || layer < 0 || layer >= layerCount)
      return fail(res, 400, `layer must be 0..${layerCount - 1}`);
    if (!validApiPath(path))
      return fail(res, 400, 'path must be a relative image path without `.` or `..` segments');
    if (!(limit > 0)) return fail(res, 400, 'limit must be a positive number');
    let file;
    try {
      file = await openLayerFile(image, layer, path);
    } catch (e) {
      if (isStowageError(e)) return fail(res, e.code === 'NOT_FOUND' ? 404 : 502, e.message);
      throw e;
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    res.writeHead(200, {
      ...BODY_HEADERS,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Stowage-Size': String(file.content.entry.size),
      ...(limit >= file.content.entry.size && { 'Content-Length': String(file.content.entry.size) }),
    });
    let sent = 0;
    try {
      for await (const chunk of file.body as AsyncIterable<Buffer>) {
        const part = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
        sent += part.length;
        if (!res.write(part)) await new Promise((r) => res.once('drain', r));
        if (sent >= limit || res.destroyed) break;
      }
      res.end();
    } catch {
      res.destroy(); // headers are gone: a cut connection is the only honest signal left
    } finally {
      file.body.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        reject(
          new StowageError('USAGE', `port ${port} on ${host} is already in use`, {
            hint: 'pick another --port, or leave it out for a free one',
          }),
        );
      } else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EACCES') {
        reject(
          new StowageError('USAGE', `cannot listen on ${host}:${port}: ${e.code}`, {
            hint: 'check --host and --port',
          }),
        );
      } else reject(e);
    });
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}/?t=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, status, 'application/json', JSON.stringify({ error: message }));
}
