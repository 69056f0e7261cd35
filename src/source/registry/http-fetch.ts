/**
 * The registry client's HTTP transport: the part of `fetch` the client uses, implemented over
 * node:http and node:https. Node's native HTTP parser streams blobs about twice as fast as the
 * global fetch (undici parses in WebAssembly and hands out web streams); redirects are never
 * followed here — the client follows them itself. Every request runs under three timeouts:
 * connecting, waiting for the first byte of the answer, and silence while a body streams.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

/** HttpResponse is what the client reads from a reply; a fetch Response satisfies it too. */
export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: (AsyncIterable<Uint8Array> & { cancel(): Promise<void> }) | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** HttpInit is the part of a request's options the client sets. */
export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  redirect?: 'manual';
  /** request body (bytes, so a retry can send it again) */
  body?: Uint8Array;
}

/** HttpFetch sends one request; `fetch` itself is one. */
export type HttpFetch = (url: URL | string, init?: HttpInit) => Promise<HttpResponse>;

/** HttpTimeouts bound each phase of a request, in milliseconds. */
export interface HttpTimeouts {
  /** TCP (and TLS) connection set-up */
  connectMs: number;
  /** from the request being sent to the first byte of the answer's headers */
  responseMs: number;
  /** longest silence while a body streams */
  idleMs: number;
}

/** DEFAULT_TIMEOUTS: 15 s to connect, 30 s for the first byte, 30 s of silence mid-body. */
export const DEFAULT_TIMEOUTS: Readonly<HttpTimeouts> = {
  connectMs: 15_000,
  responseMs: 30_000,
  idleMs: 30_000,
};

/** TimeoutPhase names the phase a timeout ended. */
export type TimeoutPhase = 'connect' | 'response' | 'idle';

/** HttpTimeoutError is thrown when a phase of a request takes longer than its timeout. */
export class HttpTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly phase: TimeoutPhase,
    readonly ms: number,
  ) {
    super(
      `no ${phase === 'connect' ? 'connection' : phase === 'response' ? 'answer' : 'data'} within ${ms / 1000} s`,
    );
    this.name = 'HttpTimeoutError';
  }
}

/** createNodeFetch returns an HttpFetch over node:http(s) (global keep-alive agents) with `timeouts`. */
export function createNodeFetch(timeouts: HttpTimeouts = DEFAULT_TIMEOUTS): HttpFetch {
  return (url, init = {}) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const arm = (phase: TimeoutPhase, ms: number): void => {
        clearTimeout(timer); // clears an interval too
        timer = setTimeout(() => req.destroy(new HttpTimeoutError(phase, ms)), ms);
      };
      const req = send(u, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (msg) => {
        clearTimeout(timer);
        resolve(wrap(msg, timeouts.idleMs));
      });
      let sent = false;
      req.once('finish', () => {
        sent = true;
        arm('response', timeouts.responseMs);
      });
      // while a body is being sent, only silence counts: the socket must take bytes every idleMs
      const sending = (socket: Socket): void => {
        let written = -1;
        clearTimeout(timer);
        timer = setInterval(() => {
          if (sent) return;
          if (socket.bytesWritten === written) req.destroy(new HttpTimeoutError('idle', timeouts.idleMs));
          written = socket.bytesWritten;
        }, timeouts.idleMs);
      };
      const connected = (socket: Socket): void => {
        if (!sent) sending(socket);
      };
      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return connected(socket);
        arm('connect', timeouts.connectMs);
        socket.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', () => connected(socket));
      });
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(init.body);
    });
  };
}

/** nodeFetch is the HttpFetch with the default timeouts. */
export const nodeFetch: HttpFetch = createNodeFetch();

/** idleBounded yields what `msg` streams, destroying it when nothing arrives for `idleMs`. */
function idleBounded(msg: IncomingMessage, idleMs: number): AsyncIterableIterator<Buffer> {
  const inner = msg[Symbol.asyncIterator]() as AsyncIterableIterator<Buffer>;
  return {
    async next() {
      const timer = setTimeout(() => msg.destroy(new HttpTimeoutError('idle', idleMs)), idleMs);
      try {
        return await inner.next();
      } finally {
        clearTimeout(timer);
      }
    },
    return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function wrap(msg: IncomingMessage, idleMs: number): HttpResponse {
  const status = msg.statusCode ?? 0;
  const body = Object.assign(idleBounded(msg, idleMs), {
    cancel: async (): Promise<void> => {
      msg.destroy();
    },
  });
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const v = msg.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    body,
    async arrayBuffer() {
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c);
      const all = Buffer.concat(chunks);
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
    },
  };
}
