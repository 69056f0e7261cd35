/**
 * Quote-aware word splitting of instruction arguments (BuildKit's raw-quote lexing: quotes kept,
 * whitespace inside quotes does not split) and quote removal.
 */

/** Word is one whitespace-separated word with its [start, end) offsets in the split text. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** splitWords splits on unquoted spaces and tabs; backslash escapes the next character. */
export function splitWords(s: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let quote: string | null = null;
    while (i < s.length) {
      const c = s[i]!;
      if (quote !== null) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '\\') i++;
      else if (/\s/.test(c)) break;
      i++;
    }
    i = Math.min(i, s.length);
    out.push({ text: s.slice(start, i), start, end: i });
  }
  return out;
}

/** unquote removes shell-style quotes and backslash escapes from one word. */
export function unquote(w: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === '\\' && i + 1 < w.length && (quote === null || '"\\$`'.includes(w[i + 1]!))) {
      out += w[++i];
    } else if (c === '"' || (c === "'" && quote === null)) {
      quote = quote === c ? null : c;
    } else out += c;
  }
  return out;
}
