/**
 * parseStanzas: the RFC-822-like control format dpkg's status file and apk's installed database
 * share in spirit — records separated by blank lines, `Field: value` lines (dpkg) with indented
 * continuation lines joined to the field before them.
 */

/** parseStanzas splits `text` into records of field → value (continuations joined by '\n'). */
export function parseStanzas(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (cur.size > 0) out.push(cur);
      cur = new Map();
      last = undefined;
    } else if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      cur.set(last, `${cur.get(last) ?? ''}\n${line.slice(1)}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon);
      cur.set(last, line.slice(colon + 1).trim());
    }
  }
  if (cur.size > 0) out.push(cur);
  return out;
}
