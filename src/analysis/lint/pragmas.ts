/**
 * Inline pragmas: `# hadolint ignore=ID[,ID]` / `# stowage ignore=…` on the comment lines directly
 * above an instruction, and `# hadolint global ignore=…` / `# stowage global ignore=…` anywhere.
 */
import type { ParsedDockerfile } from '../../dockerfile/model.js';

const PRAGMA = /^(?:hadolint|stowage)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)$/;

/** Pragmas are the ids silenced for the whole file and per instruction start line. */
export interface Pragmas {
  global: Set<string>;
  byLine: Map<number, Set<string>>;
}

/** readPragmas collects the ignore pragmas of a parsed file. */
export function readPragmas(df: ParsedDockerfile): Pragmas {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const lines = df.text.split(/\r?\n/);
  const starts = new Set(df.instructions.map((i) => i.span.start.line));
  for (const c of df.comments) {
    const m = PRAGMA.exec(c.text);
    if (m === null) continue;
    const ids = m[2]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (m[1] !== undefined) {
      ids.forEach((id) => global.add(id));
      continue;
    }
    // The pragma applies to the next instruction if only comment lines lie between.
    let l = c.line + 1;
    while (l <= lines.length && !starts.has(l) && /^\s*#/.test(lines[l - 1] ?? '')) l++;
    if (!starts.has(l)) continue;
    const set = byLine.get(l) ?? new Set<string>();
    ids.forEach((id) => set.add(id));
    byLine.set(l, set);
  }
  return { global, byLine };
}
