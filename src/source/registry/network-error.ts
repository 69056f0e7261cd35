/**
 * Network failures as input errors: a refused connection, a name that doesn't resolve, a failed
 * TLS handshake, a reset or a timeout becomes a NETWORK StowageError naming the host, what was
 * being fetched and what to check — never an "internal error: fetch failed".
 */
import { StowageError } from '../../model/errors.js';
import { HttpTimeoutError, type TimeoutPhase } from './http-fetch.js';

const TIMEOUT_OPTION: Record<TimeoutPhase, string> = {
  connect: '--connect-timeout',
  response: '--response-timeout',
  idle: '--idle-timeout',
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

/** errnoCode is a node error's `code` (or its cause's, as undici wraps them). */
function errnoCode(e: unknown): string | undefined {
  for (let x = e; x instanceof Error; x = x.cause) {
    const code = (x as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * isFinalNetworkError says a failure won't go away by asking again at once: a timeout (the
 * configured wait has been spent), a name that doesn't resolve, a certificate problem.
 */
export function isFinalNetworkError(e: unknown): boolean {
  const code = errnoCode(e) ?? '';
  return e instanceof HttpTimeoutError || code === 'ENOTFOUND' || TLS_CODE.test(code);
}

function explain(e: unknown, host: string): { detail: string; hint: string } {
  if (e instanceof HttpTimeoutError) {
    return {
      detail: `${host} sent ${e.message}`,
      hint: `check that ${host} is up and reachable; wait longer with ${TIMEOUT_OPTION[e.phase]} SECONDS`,
    };
  }
  const code = errnoCode(e) ?? '';
  if (code === 'ECONNREFUSED') {
    return { detail: `${host} refused the connection`, hint: `check that a server listens at ${host}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { detail: `the name ${host} does not resolve`, hint: 'check the host name and your DNS settings' };
  }
  if (TLS_CODE.test(code)) {
    return {
      detail: `the TLS handshake with ${host} failed (${code})`,
      hint: 'check the server certificate; NODE_EXTRA_CA_CERTS=FILE adds a private CA',
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return {
      detail: `${host} reset the connection`,
      hint: 'try again; check proxies and firewalls on the way',
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    detail: `could not talk to ${host} (${code || message})`,
    hint: 'check the address and your network',
  };
}

/** networkError turns a transport failure while fetching `what` from `host` into a StowageError. */
export function networkError(e: unknown, host: string, what: string, tries = 1): StowageError {
  const { detail, hint } = explain(e, host);
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  return new StowageError('NETWORK', `${detail} while fetching ${what}${after}`, { hint, cause: e });
}
