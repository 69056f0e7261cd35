/**
 * Text rendering of a `stowage.cache.churn/v1` document: misses per step over the commits, and the
 * suggested reordering with what it would have missed.
 */
import { escapeStrings } from '../format/escape.js';
import type { Style } from '../format/style.js';
import type { CacheChurnDocument } from '../cache-churn-report.js';

/** renderCacheChurnText prints the churn table and the suggestion. */
export function renderCacheChurnText(raw: CacheChurnDocument, style: Style): string {
  const doc = escapeStrings(raw);
  let out = `${style.bold('cache churn')} over ${doc.builds} build(s) (${doc.commits.length} commits, builder ${doc.builder})\n\n`;
  out += `  misses  line  step\n`;
  for (const s of doc.current.steps) {
    const n = String(s.misses).padStart(6);
    out += `  ${s.misses === doc.builds && s.misses > 0 ? style.red(n) : n}  ${String(s.line).padStart(4)}  ${s.instruction}\n`;
  }
  out += `\n  total: ${doc.current.misses} step rebuilds, ${doc.current.runMisses} of them RUN\n`;
  const sg = doc.suggestion;
  if (sg === null) return `${out}\nno reordering to suggest\n`;
  out += `\n${style.bold('suggestion')}: ${sg.description}\n`;
  out += `  would have had ${style.green(String(sg.misses))} step rebuilds (${sg.runMisses} RUN) instead of ${doc.current.misses} (${doc.current.runMisses} RUN)\n`;
  out += `  note: the install must not need other files from the context\n`;
  return out;
}
