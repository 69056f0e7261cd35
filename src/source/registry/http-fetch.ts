/**
 * The registry client's HTTP transport: the part of `fetch` the client uses, implemented over
 * node:http and node:https. Node's native HTTP parser streams blobs about twice as fast as the
 * global fetch (undici parses in WebAssembly and hands out web streams); redirects are never
 * followed here — the client follows them itself.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

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

/** nodeFetch is the default HttpFetch, over node:http(s) with the global keep-alive agents. */
export const nodeFetch: HttpFetch = (url, init = {}) => {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (msg) =>
      resolve(wrap(msg)),
    );
    req.on('error', reject);
    req.end(init.body);
  });
};

function wrap(msg: IncomingMessage): HttpResponse {
  const status = msg.statusCode ?? 0;
  const body = Object.assign(msg[Symbol.asyncIterator]() as AsyncIterableIterator<Buffer>, {
    [Symbol.asyncIterator]() {
      return this;
    },
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
