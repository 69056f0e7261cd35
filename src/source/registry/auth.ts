/**
 * Registry authentication per the distribution spec: Basic, or Bearer tokens from the challenge's
 * realm — anonymous, with basic credentials (GET), or with an identity token (OAuth2 POST with a
 * refresh token). Tokens are cached per scope set; a later 401 asking for another scope widens it.
 */
import { StowageError } from '../../model/errors.js';
import { isObject, parseJson } from '../../model/json.js';
import { readAll } from '../blob-store.js';
import type { Credential } from './credentials.js';
import type { HttpFetch, HttpResponse } from './http-fetch.js';
import { networkError } from './network-error.js';
import { isLoopbackHost } from './reference.js';
import type { Challenge } from './www-authenticate.js';

/** AuthState holds what a client learned about one registry's auth. */
export class AuthState {
  private token: string | undefined;
  private basic = false;
  private readonly scopes = new Set<string>();

  constructor(
    private readonly registryHost: string,
    private readonly credential: () => Promise<Credential | undefined>,
    private readonly fetchFn: HttpFetch,
  ) {}

  /** header returns the Authorization header value to send now, if any. */
  async header(): Promise<string | undefined> {
    if (this.token !== undefined) return `Bearer ${this.token}`;
    if (this.basic) {
      const c = await this.credential();
      if (c?.kind === 'basic')
        return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    }
    return undefined;
  }

  /** addScope records a scope the client will need (e.g. `repository:a/b:pull`). */
  addScope(scope: string): void {
    this.scopes.add(scope);
  }

  /**
   * answer handles a 401 challenge: it switches to Basic or fetches a Bearer token covering every
   * scope seen so far plus the challenge's. Returns false when there is nothing new to try.
   */
  async answer(challenges: Challenge[]): Promise<boolean> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer !== undefined) {
      const before = this.scopes.size;
      if (bearer.params.scope !== undefined)
        for (const s of bearer.params.scope.split(' ')) this.scopes.add(s);
      const hadToken = this.token !== undefined;
      if (hadToken && this.scopes.size === before) return false;
      this.token = await this.fetchToken(bearer);
      return true;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      const c = await this.credential();
      if (this.basic) {
        throw new StowageError(
          'UNAUTHORIZED',
          `${this.registryHost} rejected the credentials from ${c?.from ?? 'nowhere'}`,
          { hint: 'check the username and password; they were not accepted' },
        );
      }
      if (c === undefined) {
        throw new StowageError('UNAUTHORIZED', `${this.registryHost} requires a login`, {
          hint: 'run `docker login`, pass --creds USER:PASSWORD, or set STOWAGE_REGISTRY_USERNAME/PASSWORD',
        });
      }
      if (c.kind !== 'basic') {
        throw new StowageError(
          'UNAUTHORIZED',
          `${this.registryHost} asks for Basic auth but only an identity token is configured (${c.from})`,
        );
      }
      this.basic = true;
      return true;
    }
    return false;
  }

  private async fetchToken(ch: Challenge): Promise<string> {
    const realm = ch.params.realm;
    if (realm === undefined) {
      throw new StowageError('UNAUTHORIZED', `${this.registryHost} sent a Bearer challenge without a realm`);
    }
    let url: URL;
    try {
      url = new URL(realm);
    } catch (e) {
      throw new StowageError('UNAUTHORIZED', `${this.registryHost} sent an invalid token realm "${realm}"`, {
        cause: e,
      });
    }
    if (url.protocol !== 'https:' && !isLoopbackHost(url.host)) {
      throw new StowageError(
        'UNAUTHORIZED',
        `refusing to send credentials to the token realm ${url.origin} over plain HTTP`,
        {
          hint: 'a token server must use TLS unless it runs on this machine',
        },
      );
    }
    const cred = await this.credential();
    const scopes = [...this.scopes];
    const what = `a token from the realm ${url.origin}`;
    let res: HttpResponse;
    try {
      res = await this.request(url, cred, scopes, ch);
    } catch (e) {
      throw networkError(e, url.host, what);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new StowageError(
        'UNAUTHORIZED',
        cred === undefined
          ? `${this.registryHost} refused anonymous access`
          : `${this.registryHost} rejected the credentials from ${cred.from}`,
        {
          hint:
            cred === undefined
              ? 'log in with `docker login` or pass --creds USER:PASSWORD'
              : 'check the username and password (or token); they were not accepted',
        },
      );
    }
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw new StowageError('NETWORK', `the token server ${url.origin} answered HTTP ${res.status}`);
    }
    let raw: Buffer;
    try {
      raw = await readAll(res.body, 'tokenBytes', `the token response from ${url.origin}`);
    } catch (e) {
      await res.body.cancel();
      throw e instanceof StowageError ? e : networkError(e, url.host, what);
    }
    const json = parseJson(raw, `token response from ${url.origin}`);
    const token = isObject(json) ? (json.token ?? json.access_token) : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new StowageError('UNAUTHORIZED', `the token server ${url.origin} returned no token`);
    }
    return token;
  }

  /** request asks the realm for a token: OAuth2 POST with an identity token, else GET (Basic if any). */
  private request(
    url: URL,
    cred: Credential | undefined,
    scopes: string[],
    ch: Challenge,
  ): Promise<HttpResponse> {
    if (cred?.kind === 'identity-token') {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: cred.token,
        client_id: 'stowage',
      });
      if (ch.params.service !== undefined) form.set('service', ch.params.service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      return this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
      });
    }
    if (ch.params.service !== undefined) url.searchParams.set('service', ch.params.service);
    for (const s of scopes) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (cred?.kind === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
    return this.fetchFn(url, { headers });
  }
}
