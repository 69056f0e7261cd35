/**
 * A distribution token server written for the tests: it signs RS256 JWTs with a key and self-signed
 * certificate made by `openssl req -x509` (the certificate rides in the `x5c` header, the registry
 * trusts it through `rootcertbundle`), grants what it is asked once the caller proves a username
 * and password (Basic, GET) or a refresh token (OAuth2 POST), and records every request it got.
 */
import { createPrivateKey, createSign, randomBytes, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { run } from '../fixtures/run.js';
import { freePort } from './registry-server.js';

/** TokenRequest is one request the token server received. */
export interface TokenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

/** TokenServer is a running token server. */
export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  requests: TokenRequest[];
  /** authConfig is the registry's `auth` section for this server */
  authConfig(): Record<string, unknown>;
  stop(): Promise<void>;
}

/** TokenUsers are the accepted basic credentials and refresh tokens. */
export interface TokenUsers {
  basic: Record<string, string>;
  refreshTokens: string[];
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** startTokenServer makes a key pair in `dir` and serves tokens on 127.0.0.1. */
export async function startTokenServer(dir: string, users: TokenUsers): Promise<TokenServer> {
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=stowage-test-token',
  ]);
  const key = createPrivateKey(await readFile(keyFile));
  const certDer = new X509Certificate(await readFile(certFile)).raw;
  const service = 'stowage-test-registry';
  const issuer = 'stowage-test-issuer';
  const requests: TokenRequest[] = [];

  const sign = (subject: string, scopes: string[]): string => {
    const access = scopes.map((s) => {
      const [type, name, actions] = s.split(':');
      return { type, name, actions: (actions ?? '').split(',').filter((a) => a !== '') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: subject,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = createSign('RSA-SHA256').update(input).sign(key);
    return `${input}.${b64url(sig)}`;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://x');
      const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        form,
      });
      let subject: string | undefined;
      let scopes: string[];
      if (req.method === 'POST') {
        if (form.grant_type === 'refresh_token' && users.refreshTokens.includes(form.refresh_token ?? ''))
          subject = 'token-user';
        scopes = (form.scope ?? '').split(' ').filter((s) => s !== '');
      } else {
        const auth = req.headers.authorization;
        if (auth?.startsWith('Basic ')) {
          const [u, ...p] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
          if (u !== undefined && users.basic[u] === p.join(':')) subject = u;
          else subject = undefined;
        } else {
          subject = '';
        }
        scopes = url.searchParams.getAll('scope');
      }
      if (subject === undefined || (subject === '' && users.basic.anonymous === undefined)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      const token = sign(subject, scopes);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 },
        ),
      );
    })();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const realm = `http://127.0.0.1:${port}/token`;
  return {
    realm,
    service,
    issuer,
    certFile,
    requests,
    authConfig: () => ({ token: { realm, service, issuer, rootcertbundle: certFile } }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}
