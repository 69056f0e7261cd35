/**
 * Redaction: what a report may show of a secret. Never the whole value — at most a short prefix
 * (so a person can recognise which key it is) and the length.
 */

/**
 * redact shows a prefix of `secret` and its length: 4 characters for secrets of 16 or more, 2 for
 * 8 to 15, none below that, e.g. `ghp_…(40 chars)`.
 */
export function redact(secret: string): string {
  const n = secret.length;
  const keep = n >= 16 ? 4 : n >= 8 ? 2 : 0;
  return `${secret.slice(0, keep)}…(${n} chars)`;
}
