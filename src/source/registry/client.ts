/**
 * A client for one registry host over the distribution API v2: scheme selection (HTTPS; plain HTTP
 * only for loopback or --insecure), auth, retries with backoff, manual redirects that drop the
 * Authorization header when they leave the host, manifests with a full Accept list, and blobs
 * streamed with Range resumption after a cut.
 */
import type { Descriptor } from '../../model/descriptor.js';
import { StowageError } from '../../model/errors.js';
import { MediaTypes } from '../../model/media-types.js';
import { readAll } from '../blob-store.js';
import { AuthState } from './auth.js';
import {
  createNodeFetch,
  DEFAULT_TIMEOUTS,
  type HttpFetch,
  type HttpResponse,
  type HttpTimeouts,
} from './http-fetch.js';
import { isFinalNetworkError, networkError } from './network-error.js';
import { lookupCredential, type Credential, type CredentialOptions } from './credentials.js';
import { isLoopbackHost, registryApiHost } from './reference.js';
import { DEFAULT_RETRY, isRetryableStatus, retryDelay, sleep, type RetryPolicy } from './retry.js';
import { Semaphore } from './semaphore.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

/** RegistryOptions configure registry access. */
export interface RegistryOptions extends CredentialOptions {
  /** allow plain HTTP (and skip nothing else) for non-loopback registries */
  insecure?: boolean;
  /** blob downloads at once (default 4) */
  concurrency?: number;
  retry?: RetryPolicy;
  /** the HTTP transport for registry and token requests (default: node:http(s) with `timeouts`) */
  fetch?: HttpFetch;
  /** connect, first-byte and idle timeouts (default DEFAULT_TIMEOUTS) */
  timeouts?: Partial<HttpTimeouts>;
  /** onProgress hears what the client is waiting for ("waiting for HOST …", retries, bytes) */
  onProgress?: (message: string) => void;
}

/** MANIFEST_ACCEPT lists every manifest and index media type stowage reads. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
].join(', ');

const MAX_REDIRECTS = 5;

/** RegistryClient talks to one registry host. */
export class RegistryClient {
  readonly host: string;
  private base: Promise<string> | undefined;
  private readonly auth: AuthState;
  private readonly retry: RetryPolicy;
  private readonly fetchFn: HttpFetch;
  private readonly blobs: Semaphore;
  private credential: Promise<Credential | undefined> | undefined;

  constructor(
    registry: string,
    private readonly opts: RegistryOptions = {},
  ) {
    this.host = registryApiHost(registry);
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.fetchFn = opts.fetch ?? createNodeFetch({ ...DEFAULT_TIMEOUTS, ...opts.timeouts });
    this.blobs = new Semaphore(opts.concurrency ?? 4);
    this.auth = new AuthState(
      registry,
      () => (this.credential ??= lookupCredential(registry, opts)),
      this.fetchFn,
    );
  }

  private progress(message: string): void {
    this.opts.onProgress?.(message);
  }

  /** origin is `https://host` or, for loopback/--insecure registries without TLS, `http://host`. */
  origin(): Promise<string> {
    this.base ??= this.pickScheme();
    return this.base;
  }

  private async pickScheme(): Promise<string> {
    const https = `https://${this.host}`;
    const plainAllowed = this.opts.insecure === true || isLoopbackHost(this.host);
    if (!plainAllowed) return https;
    try {
      const res = await this.fetchFn(`${https}/v2/`, { redirect: 'manual' });
      await res.body?.cancel();
      return https;
    } catch {
      return `http://${this.host}`;
    }
  }

  /** addScope records a token scope later requests need, e.g. `repository:a/b:pull,push`. */
  addScope(scope: string): void {
    this.auth.addScope(scope);
  }

  /**
   * request sends a request with auth, retries and redirects; `what` names it in errors. `path` may
   * be an absolute URL on this host (upload locations are). A body is bytes, so it can be re-sent.
   */
  async request(
    path: string,
    what: string,
    init: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<HttpResponse> {
    const url = /^https?:\/\//.test(path) ? path : `${await this.origin()}${path}`;
    let failures = 0;
    let answered = 0;
    for (;;) {
      let res: HttpResponse;
      try {
        this.progress(`waiting for ${this.host} (${what}) …`);
        res = await this.follow(url, init);
      } catch (e) {
        if (e instanceof StowageError) throw e;
        failures++;
        if (isFinalNetworkError(e) || failures >= this.retry.attempts) {
          throw networkError(e, this.host, what, failures);
        }
        const wait = retryDelay(this.retry, failures, null);
        this.progress(
          `${networkError(e, this.host, what).detail}; try ${failures + 1} of ${this.retry.attempts} in ${(wait / 1000).toFixed(1)} s …`,
        );
        await sleep(wait);
        continue;
      }
      if (res.status === 401 && answered < 3) {
        const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
        await res.body?.cancel();
        if (await this.auth.answer(challenges)) {
          answered++;
          continue;
        }
        throw new StowageError('UNAUTHORIZED', `${this.host} refused access to ${what}`, {
          hint: 'check that the credentials grant pull access to this repository',
        });
      }
      if (isRetryableStatus(res.status) && failures + 1 < this.retry.attempts) {
        failures++;
        const wait = retryDelay(this.retry, failures, res.headers.get('retry-after'));
        await res.body?.cancel();
        await sleep(wait);
        continue;
      }
      return res;
    }
  }

  /** follow performs one request, following redirects by hand so credentials never leave the host. */
  private async follow(
    start: string,
    init: { method?: string; headers?: Record<string, string>; body?: Uint8Array },
  ): Promise<HttpResponse> {
    let url = new URL(start);
    const origin = url.host;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...init.headers };
      if (url.host === origin) {
        const auth = await this.auth.header();
        if (auth !== undefined) headers.authorization = auth;
      }
      const res = await this.fetchFn(url, {
        method: init.method ?? 'GET',
        headers,
        redirect: 'manual',
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) return res;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new StowageError('NETWORK', `too many redirects from ${origin}`);
      }
      url = new URL(location, url);
    }
  }

  /** manifest fetches a manifest or index by tag or digest; returns its bytes and content type. */
  async manifest(
    repository: string,
    reference: string,
  ): Promise<{ raw: Uint8Array; contentType: string | null }> {
    this.auth.addScope(`repository:${repository}:pull`);
    const what = `manifest ${repository}:${reference}`;
    const res = await this.request(`/v2/${repository}/manifests/${reference}`, what, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) {
      await res.body?.cancel();
      throw new StowageError('NOT_FOUND', `${this.host} has no ${what}`, {
        where: { file: `${this.host}/${repository}` },
        hint: 'check the repository name and tag',
      });
    }
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw new StowageError('NETWORK', `${this.host} answered HTTP ${res.status} for ${what}`);
    }
    const where = { file: `${this.host}/${repository}` };
    try {
      // capped while read: a huge answer is refused after the limit, not buffered
      const raw = await readAll(res.body, 'manifestBytes', what, where);
      return { raw, contentType: res.headers.get('content-type') };
    } catch (e) {
      await res.body.cancel();
      throw e instanceof StowageError ? e : networkError(e, this.host, what);
    }
  }

  /**
   * blob streams a blob's bytes. After a connection cut it asks again with `Range` from the byte it
   * got to (skipping bytes itself if the registry ignores Range); digests are checked by the caller.
   */
  async *blob(repository: string, desc: Descriptor): AsyncGenerator<Buffer> {
    this.auth.addScope(`repository:${repository}:pull`);
    const what = `blob ${desc.digest}`;
    const release = await this.blobs.acquire();
    try {
      let received = 0;
      let cuts = 0;
      for (;;) {
        const headers: Record<string, string> = received > 0 ? { range: `bytes=${received}-` } : {};
        const res = await this.request(`/v2/${repository}/blobs/${desc.digest}`, what, { headers });
        if (res.status === 404) {
          await res.body?.cancel();
          throw new StowageError('NOT_FOUND', `${this.host}/${repository} has no ${what}`, {
            where: { layer: desc.digest },
          });
        }
        if (!res.ok || res.body === null) {
          await res.body?.cancel();
          throw new StowageError('NETWORK', `${this.host} answered HTTP ${res.status} for ${what}`);
        }
        let skip = received > 0 && res.status !== 206 ? received : 0;
        let shown = 0;
        try {
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            if (Date.now() - shown > 500) {
              shown = Date.now();
              this.progress(
                `downloading ${what.slice(0, 24)}… from ${this.host}: ${received} of ${desc.size} bytes …`,
              );
            }
            let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
            if (skip > 0) {
              const n = Math.min(skip, buf.length);
              skip -= n;
              buf = buf.subarray(n);
              if (buf.length === 0) continue;
            }
            received += buf.length;
            yield buf;
          }
          return;
        } catch (e) {
          if (e instanceof StowageError) throw e;
          cuts++;
          if (isFinalNetworkError(e) || cuts >= this.retry.attempts || received >= desc.size) {
            throw networkError(e, this.host, `${what} (cut after ${received} bytes)`, cuts);
          }
          const wait = retryDelay(this.retry, cuts, null);
          this.progress(
            `${this.host} cut ${what} after ${received} bytes; resuming in ${(wait / 1000).toFixed(1)} s …`,
          );
          await sleep(wait);
        }
      }
    } finally {
      release();
    }
  }
}
