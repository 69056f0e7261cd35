/**
 * Heredocs on RUN/COPY/ADD as BuildKit finds them: whitespace-split words of the instruction line
 * matching `[n]<<[-]WORD` (quotes allowed around WORD), several per line, bodies read in order from
 * the lines after the instruction. `<<-` strips leading tabs from body and delimiter lines.
 */
import type { Heredoc } from './model.js';
import { unquote, type Word } from './words.js';

/** HeredocOpener is a heredoc word found on the instruction line. */
export interface HeredocOpener {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  word: Word;
}

const OPENER = /^(\d*)<<(-?)([^<]*)$/;

/** heredocOpeners lists the heredoc words among `words`. */
export function heredocOpeners(words: Word[]): HeredocOpener[] {
  const out: HeredocOpener[] = [];
  for (const word of words) {
    const m = OPENER.exec(word.text);
    if (m === null || m[3] === '') continue;
    const delimiter = unquote(m[3]!);
    if (delimiter === '') continue;
    out.push({ delimiter, quoted: delimiter !== m[3], stripTabs: m[2] === '-', word });
  }
  return out;
}

/**
 * readHeredocBodies reads the bodies for `openers` from `lines` starting at index `from` (0-based).
 * Returns the heredocs and the index of the last line consumed (from - 1 when none), or the
 * delimiter that was never found.
 */
export function readHeredocBodies(
  lines: string[],
  from: number,
  openers: HeredocOpener[],
): { heredocs: Heredoc[]; lastLine: number; unterminated?: string } {
  const heredocs: Heredoc[] = [];
  let i = from;
  for (const op of openers) {
    const body: string[] = [];
    const start = i;
    let closed = false;
    for (; i < lines.length; i++) {
      const raw = lines[i]!;
      const line = op.stripTabs ? raw.replace(/^\t+/, '') : raw;
      if (line === op.delimiter) {
        closed = true;
        i++;
        break;
      }
      body.push(line);
    }
    if (!closed) return { heredocs, lastLine: lines.length - 1, unterminated: op.delimiter };
    heredocs.push({
      delimiter: op.delimiter,
      quoted: op.quoted,
      stripTabs: op.stripTabs,
      body: body.map((l) => l + '\n').join(''),
      span: {
        start: { line: start + 1, column: 1 },
        end: { line: i, column: (lines[i - 1] ?? '').length + 1 },
      },
      bodyStartLine: start + 1,
    });
  }
  return { heredocs, lastLine: i - 1 };
}
