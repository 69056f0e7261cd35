/**
 * Parser directives as BuildKit reads them: `# name=value` lines at the very top of the file; the
 * first blank line, ordinary comment, unknown directive or instruction ends the directive block.
 * (dockerfile-ast accepts an escape directive later too; we follow BuildKit.)
 */
import type { Directive, ParseProblem } from './model.js';

const KNOWN = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** readDirectives returns the directives, the escape character they set, and any problems. */
export function readDirectives(lines: string[]): {
  directives: Directive[];
  escape: '\\' | '`';
  problems: ParseProblem[];
} {
  const directives: Directive[] = [];
  const problems: ParseProblem[] = [];
  let escape: '\\' | '`' = '\\';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = DIRECTIVE.exec(line.trim());
    if (m === null || !KNOWN.has(m[1]!.toLowerCase())) break;
    const name = m[1]!.toLowerCase();
    const span = { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: line.length + 1 } };
    if (directives.some((d) => d.name === name)) {
      problems.push({ message: `only one ${name} parser directive can be used`, span });
      continue;
    }
    const value = m[2]!;
    directives.push({ name, value, span });
    if (name === 'escape') {
      if (value === '`' || value === '\\') escape = value;
      else problems.push({ message: `invalid escape token '${value}' does not match ` + '` or \\', span });
    }
  }
  return { directives, escape, problems };
}
