/**
 * A loopback HTTP proxy in front of a registry that records every request and lets a test answer
 * or damage chosen ones: fail with a status, cut the connection after N bytes, corrupt a byte,
 * redirect elsewhere, never answer (stall), stop sending after N bytes, send slowly (trickle),
 * answer with an endless body (flood), or ask for a Bearer token from a chosen realm.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './registry-server.js';

/** ProxyRecord is one request the proxy saw. */
export interface ProxyRecord {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** Fault says what to do with one request; return undefined to forward it untouched. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'corrupt'; atByte: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'stall' }
  | { kind: 'stallAfter'; afterBytes: number }
  | { kind: 'trickle'; bytes: number; everyMs: number }
  | { kind: 'flood'; bytes: number }
  | { kind: 'bearer'; realm: string };

/** FaultProxy is a running proxy; `host` is `127.0.0.1:PORT`. */
export interface FaultProxy {
  host: string;
  records: ProxyRecord[];
  /** fault decides per request (n counts earlier requests with the same method and URL) */
  fault: (rec: ProxyRecord, n: number) => Fault | undefined;
  blobGets(): ProxyRecord[];
  /** reset forgets the records and per-URL counts and removes the fault */
  reset(): void;
  stop(): Promise<void>;
}

/** startFaultProxy forwards to `target` (`host:port`). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const [targetHost, targetPort] = target.split(':') as [string, string];
  const seen = new Map<string, number>();
  const proxy: FaultProxy = {
    host: '',
    records: [],
    fault: () => undefined,
    blobGets: () => proxy.records.filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.url)),
    reset: () => {
      proxy.records.length = 0;
      seen.clear();
      proxy.fault = () => undefined;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const rec: ProxyRecord = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      at: Date.now(),
    };
    proxy.records.push(rec);
    const key = `${rec.method} ${rec.url}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const fault = proxy.fault(rec, n);
    if (fault?.kind === 'status') {
      req.resume();
      res.writeHead(fault.status, fault.headers ?? {});
      res.end();
      return;
    }
    if (fault?.kind === 'stall') {
      req.resume();
      return;
    }
    if (fault?.kind === 'flood') {
      req.resume();
      flood(res, fault.bytes);
      return;
    }
    if (fault?.kind === 'bearer') {
      req.resume();
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${fault.realm}",service="test"` });
      res.end();
      return;
    }
    if (fault?.kind === 'redirect') {
      req.resume();
      res.writeHead(307, { location: fault.location });
      res.end();
      return;
    }
    const headers = { ...req.headers, host: target };
    const up = request(
      { host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers },
      (upRes) => relay(upRes, res, fault),
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.keepAliveTimeout = 1000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.host = `127.0.0.1:${port}`;
  return proxy;
}

/** flood answers 200 with `bytes` bytes of JSON-looking filler, written as fast as they are read. */
export function flood(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
  const chunk = Buffer.alloc(1 << 16, 0x20);
  let left = bytes;
  const more = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

/** trickle writes `data` to `res` a few bytes at a time. */
function trickle(upRes: IncomingMessage, res: ServerResponse, bytes: number, everyMs: number): void {
  const queue: Buffer[] = [];
  let ended = false;
  upRes.on('data', (c: Buffer) => queue.push(c));
  upRes.on('end', () => (ended = true));
  const timer = setInterval(() => {
    let want = bytes;
    while (want > 0 && queue.length > 0) {
      const head = queue[0] as Buffer;
      const part = head.subarray(0, want);
      res.write(part);
      want -= part.length;
      if (part.length === head.length) queue.shift();
      else queue[0] = head.subarray(part.length);
    }
    if (queue.length === 0 && ended) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

function relay(upRes: IncomingMessage, res: ServerResponse, fault: Fault | undefined): void {
  res.writeHead(upRes.statusCode ?? 502, upRes.headers);
  if (fault === undefined) {
    upRes.pipe(res);
    return;
  }
  if (fault.kind === 'trickle') return trickle(upRes, res, fault.bytes, fault.everyMs);
  let sent = 0;
  upRes.on('data', (chunk: Buffer) => {
    if (fault.kind === 'cut' || fault.kind === 'stallAfter') {
      if (sent >= fault.afterBytes) return;
      const part = chunk.subarray(0, fault.afterBytes - sent);
      sent += part.length;
      res.write(part, () => {
        if (sent >= fault.afterBytes && fault.kind === 'cut') res.socket?.destroy();
      });
      if (sent >= fault.afterBytes) upRes.destroy();
      return;
    }
    if (fault.kind === 'corrupt' && fault.atByte >= sent && fault.atByte < sent + chunk.length) {
      const copy = Buffer.from(chunk);
      copy[fault.atByte - sent] = (copy[fault.atByte - sent] as number) ^ 0xff;
      chunk = copy;
    }
    sent += chunk.length;
    res.write(chunk);
  });
  upRes.on('end', () => {
    if (fault.kind !== 'cut' && fault.kind !== 'stallAfter') res.end();
  });
}
