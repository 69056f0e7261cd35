/**
 * Shortening of history `created_by` strings for display: the legacy builder's
 * `/bin/sh -c #(nop) ` prefix is dropped (what remains is the instruction), a RUN's `/bin/sh -c `
 * becomes `RUN `, BuildKit's `# buildkit` suffix is removed, and `file:`/`dir:` content hashes are
 * cut to 12 hex digits.
 */
import { oneLine } from './text.js';

/** displayCreatedBy turns a history `created_by` into a one-line, instruction-like string. */
export function displayCreatedBy(createdBy: string | undefined | null): string {
  if (createdBy === undefined || createdBy === null) return '';
  let s = oneLine(createdBy);
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(s);
  if (nop) s = s.slice(nop[0].length);
  else if (s.startsWith('/bin/sh -c ')) s = 'RUN ' + s.slice('/bin/sh -c '.length);
  return s.replace(/ # buildkit$/, '').replace(/\b(file|dir):([a-f0-9]{12})[a-f0-9]{52}\b/g, '$1:$2…');
}
