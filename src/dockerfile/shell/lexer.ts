/**
 * A POSIX/bash lexer for RUN scripts: words (quotes, escapes, `$(…)`, `${…}`, backticks kept
 * whole), operators, newlines and redirections, each with its offset in the script. Shell heredoc
 * bodies (`cat <<EOF`) are skipped. sh-syntax (mvdan/sh) decides validity and statement bounds; its
 * WASM build serialises only statement positions, so the words inside come from here.
 */

/** Token is a word or an operator with its [start, end) offsets in the script. */
export type Token =
  | { kind: 'word'; raw: string; value: string; start: number; end: number; substitutions: Sub[] }
  | { kind: 'op'; op: string; start: number; end: number };

/** Sub is a command substitution (`$(…)` or backticks) inside a word: inner text and its offset. */
export interface Sub {
  text: string;
  offset: number;
}

const OPERATORS = [
  '&&',
  '||',
  ';;',
  '|&',
  '>>',
  '<<-',
  '<<<',
  '<<',
  '>&',
  '<&',
  '<>',
  '>|',
  ';',
  '|',
  '&',
  '(',
  ')',
  '<',
  '>',
];

/** lex splits `src` into tokens. */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { delim: string; strip: boolean }[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: '\n', start: i, end: i + 1 });
      i++;
      if (pendingHeredocs.length > 0) i = skipHeredocBodies(src, i, pendingHeredocs.splice(0));
      continue;
    }
    const op = matchOperator(src, i);
    if (op !== undefined) {
      tokens.push({ kind: 'op', op, start: i, end: i + op.length });
      i += op.length;
      if (op === '<<' || op === '<<-') {
        const w = readWord(src, skipBlanks(src, i));
        if (w.end > w.start) {
          pendingHeredocs.push({ delim: w.value, strip: op === '<<-' });
          // a heredoc delimiter is never expanded: no substitutions
          tokens.push(wordToken(w, []));
          i = w.end;
        }
      }
      continue;
    }
    const w = readWord(src, i);
    if (w.end === i) {
      i++; // an unexpected character: skip it rather than loop
      continue;
    }
    tokens.push(wordToken(w, w.subs));
    i = w.end;
  }
  return tokens;
}

/** Word is what readWord reads. */
type Word = { raw: string; value: string; start: number; end: number; subs: Sub[] };

function wordToken(w: Word, substitutions: Sub[]): Token {
  return { kind: 'word', raw: w.raw, value: w.value, start: w.start, end: w.end, substitutions };
}

function skipBlanks(src: string, i: number): number {
  while (src[i] === ' ' || src[i] === '\t') i++;
  return i;
}

function matchOperator(src: string, i: number): string | undefined {
  for (const op of OPERATORS) if (src.startsWith(op, i)) return op;
  return undefined;
}

function skipHeredocBodies(src: string, i: number, docs: { delim: string; strip: boolean }[]): number {
  for (const d of docs) {
    while (i < src.length) {
      const eol = src.indexOf('\n', i);
      const lineEnd = eol === -1 ? src.length : eol;
      let line = src.slice(i, lineEnd);
      if (d.strip) line = line.replace(/^\t+/, '');
      i = eol === -1 ? src.length : eol + 1;
      if (line === d.delim) break;
    }
  }
  return i;
}

const WORD_END = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** readWord reads one shell word at `start`, returning its raw text, unquoted value and substitutions. */
function readWord(src: string, start: number): Word {
  let i = start;
  let value = '';
  const subs: Sub[] = [];
  while (i < src.length) {
    const c = src[i]!;
    if (WORD_END.has(c)) break;
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      value += src[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      const end = close === -1 ? src.length : close;
      value += src.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') value += src[i + 1];
          i += 2;
        } else if (src[i] === '$' || src[i] === '`') {
          const e = readExpansion(src, i, subs);
          value += src.slice(i, e);
          i = e;
        } else {
          value += src[i];
          i++;
        }
      }
      i++;
    } else if (c === '$' && src[i + 1] === "'") {
      const close = findAnsiClose(src, i + 2);
      value += src.slice(i + 2, close);
      i = close + 1;
    } else if (c === '$' || c === '`') {
      const e = readExpansion(src, i, subs);
      value += src.slice(i, e);
      i = e;
    } else {
      value += c;
      i++;
    }
  }
  return { raw: src.slice(start, Math.min(i, src.length)), value, start, end: Math.min(i, src.length), subs };
}

function findAnsiClose(src: string, i: number): number {
  while (i < src.length && src[i] !== "'") i += src[i] === '\\' ? 2 : 1;
  return Math.min(i, src.length);
}

/** readExpansion returns the end of the `$…`/backtick expansion at `i`, recording command substitutions. */
function readExpansion(src: string, i: number, subs: Sub[]): number {
  if (src[i] === '`') {
    let j = i + 1;
    while (j < src.length && src[j] !== '`') j += src[j] === '\\' ? 2 : 1;
    subs.push({ text: src.slice(i + 1, j), offset: i + 1 });
    return Math.min(j + 1, src.length);
  }
  const next = src[i + 1];
  if (next === '(' || next === '{') {
    const close = next === '(' ? ')' : '}';
    let depth = 0;
    let j = i + 1;
    while (j < src.length) {
      const ch = src[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === "'" && next === '(') {
        const q = src.indexOf("'", j + 1);
        j = q === -1 ? src.length : q + 1;
        continue;
      }
      if (ch === next) depth++;
      else if (ch === close) {
        depth--;
        if (depth === 0) break;
      }
      j++;
    }
    if (next === '(' && src[i + 2] !== '(') subs.push({ text: src.slice(i + 2, j), offset: i + 2 });
    return Math.min(j + 1, src.length);
  }
  let j = i + 1;
  if (next !== undefined && /[@*#?$!0-9-]/.test(next)) return j + 1;
  while (j < src.length && /\w/.test(src[j]!)) j++;
  return j;
}
