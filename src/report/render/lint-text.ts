/**
 * The human lint report: each finding as `file:line:col severity RULE message`, then the source
 * line and a caret under the reported column, then a one-line summary.
 */
import type { Finding, Severity } from '../../analysis/lint/types.js';
import type { Style } from '../format/style.js';
import { countBySeverity, type LintRun } from './lint-run.js';

function paint(style: Style, severity: Severity): (s: string) => string {
  switch (severity) {
    case 'error':
      return style.red;
    case 'warning':
      return style.yellow;
    case 'info':
      return style.cyan;
    case 'style':
      return style.dim;
  }
}

/** excerpt renders the finding's first line with a gutter and a caret line under its span. */
function excerpt(lines: readonly string[], f: Finding, style: Style, sev: (s: string) => string): string {
  const source = lines[f.line - 1];
  if (source === undefined) return '';
  const gutter = String(f.line).padStart(5);
  const shown = source.replace(/\t/g, ' ');
  const lastCol = f.endLine === f.line ? Math.max(f.endColumn, f.column + 1) : shown.trimEnd().length + 1;
  const width = Math.max(1, Math.min(lastCol, shown.length + 1) - f.column);
  const pad = ' '.repeat(Math.max(0, f.column - 1));
  return `${style.dim(`${gutter} | `)}${shown}\n${style.dim(`${' '.repeat(5)} | `)}${pad}${sev('^'.repeat(width))}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** renderLintText renders a lint run for a terminal (colour per `style`). */
export function renderLintText(run: LintRun, style: Style): string {
  let out = '';
  let total = 0;
  for (const file of run.files) {
    const lines = file.text.split(/\r?\n/);
    for (const f of file.findings) {
      total++;
      const sev = paint(style, f.severity);
      out += `${style.bold(`${f.file}:${f.line}:${f.column}`)} ${sev(f.severity)} ${style.bold(f.ruleId)} ${f.message}\n`;
      out += excerpt(lines, f, style, sev);
      out += '\n';
    }
  }
  const counts = countBySeverity(run);
  const parts = (['error', 'warning', 'info', 'style'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) =>
      paint(style, s)(s === 'error' || s === 'warning' ? plural(counts[s], s) : `${counts[s]} ${s}`),
    );
  const files = plural(run.files.length, 'file');
  out +=
    total === 0
      ? `${style.green('✓')} no findings in ${files}\n`
      : `${plural(total, 'finding')} in ${files}: ${parts.join(', ')}\n`;
  return out;
}
