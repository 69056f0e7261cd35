/**
 * Heuristics for configuration names and values: which ENV / ARG / LABEL names suggest a secret,
 * and which values are plainly not one (empty, placeholders, paths).
 */
import { PLACEHOLDER } from './rule.js';

const SECRET_NAME =
  /(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|credentials?|auth(?:[_-]?token)?)(?:$|[_.-])/i;
const NOT_A_SECRET_NAME =
  /(?:^|[_.-])(?:file|path|dir|name|id|url|uri|host|port|user(?:name)?|type|length|size|endpoint|header|env|mode)$/i;

/** isSensitiveName reports whether a variable or label name suggests it holds a secret. */
export function isSensitiveName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}

/** isPlausibleSecretValue rejects empty values, placeholders, file paths and booleans. */
export function isPlausibleSecretValue(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v.length < 4) return false;
  if (PLACEHOLDER.test(v)) return false;
  if (v.startsWith('/') || v.startsWith('./') || v.startsWith('$')) return false;
  return true;
}

/** splitAssignment splits `KEY=VALUE` at the first `=`; undefined when there is none. */
export function splitAssignment(s: string): { name: string; value: string } | undefined {
  const eq = s.indexOf('=');
  return eq <= 0 ? undefined : { name: s.slice(0, eq), value: s.slice(eq + 1) };
}
