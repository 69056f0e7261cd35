/**
 * pathFilter: the tree's filter box — a glob when the text holds `*`, `?` or `[` (`**` crosses
 * directories, `*` and `?` do not; matched against the whole path, or its tail after a `/`), else a
 * case-insensitive substring of the path.
 */

/** pathFilter returns a matcher for `text`, or undefined for an empty filter. */
export function pathFilter(text: string): ((path: string) => boolean) | undefined {
  const t = text.trim().replace(/^\/+/, '');
  if (t === '') return undefined;
  if (!/[*?[]/.test(t)) {
    const needle = t.toLowerCase();
    return (p) => p.toLowerCase().includes(needle);
  }
  let re = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if (c === '*' && t[i + 1] === '*') {
      re += '.*';
      i++;
      if (t[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = t.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${t
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const full = new RegExp(`^${re}$`);
  const tail = new RegExp(`(^|/)${re}$`);
  return (p) => full.test(p) || tail.test(p);
}
