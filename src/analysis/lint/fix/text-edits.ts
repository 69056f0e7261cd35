/**
 * Applies text edits given as Dockerfile spans (1-based line/column, exclusive end) to the text.
 * Edits that overlap an edit already accepted are skipped and returned, so a caller can re-lint
 * and try them again on the new text.
 */
import type { Position } from '../../../dockerfile/model.js';
import type { TextEdit } from '../types.js';

/** lineOffsets lists the string offset at which each line starts. */
function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** EditResult is the edited text with the edits applied and those skipped for overlapping. */
export interface EditResult {
  text: string;
  applied: TextEdit[];
  skipped: TextEdit[];
}

/** applyEdits applies non-overlapping `edits` to `text` (the first of overlapping edits wins). */
export function applyEdits(text: string, edits: readonly TextEdit[]): EditResult {
  const starts = lineOffsets(text);
  const offset = (p: Position): number =>
    Math.min((starts[p.line - 1] ?? text.length) + p.column - 1, text.length);
  const ranged = edits.map((e, order) => ({ e, order, from: offset(e.span.start), to: offset(e.span.end) }));
  const accepted: typeof ranged = [];
  const skipped: TextEdit[] = [];
  for (const r of ranged) {
    const clash = accepted.some(
      (a) => r.from < a.to && a.from < r.to && !(r.from === r.to || a.from === a.to),
    );
    const sameInsert = accepted.some((a) => a.from === a.to && r.from === r.to && a.from === r.from);
    if (clash || sameInsert) skipped.push(r.e);
    else accepted.push(r);
  }
  // Apply from the end so earlier offsets stay valid; at one offset, a replacement goes before an
  // insertion so the inserted text ends up in front of the replaced range.
  const ordered = [...accepted].sort(
    (a, b) => b.from - a.from || b.to - b.from - (a.to - a.from) || b.order - a.order,
  );
  let out = text;
  for (const r of ordered) out = out.slice(0, r.from) + r.e.newText + out.slice(r.to);
  return { text: out, applied: accepted.map((a) => a.e), skipped };
}
