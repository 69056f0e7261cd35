/**
 * Parsing of the `WWW-Authenticate` challenge a registry returns with 401 (RFC 7235 auth-params,
 * as the distribution spec's token auth uses them: `Bearer realm="…",service="…",scope="…"`).
 */

/** Challenge is one auth scheme with its parameters (keys lowercased). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** parseWwwAuthenticate reads every challenge of a header value. */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const s = header;
  const skipWs = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < s.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    while (s[i] === ',') {
      i++;
      skipWs();
    }
    const scheme = token();
    if (scheme === '') break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      skipWs();
      const save = i;
      const key = token();
      skipWs();
      if (key === '' || s[i] !== '=') {
        i = save;
        break;
      }
      i++;
      skipWs();
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        i++;
      } else {
        value = token();
      }
      challenge.params[key.toLowerCase()] = value;
      skipWs();
      if (s[i] === ',') {
        i++;
        continue;
      }
      break;
    }
  }
  return out;
}
