/**
 * Checkstyle XML for lint findings (the format CI tools such as Jenkins' warnings plugin and
 * reviewdog read): one `<file>` per Dockerfile, one `<error>` per finding, the rule id as `source`.
 */
import type { Severity } from '../../analysis/lint/types.js';
import type { LintRun } from './lint-run.js';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** escapeXml escapes text for an XML attribute value. */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      // XML 1.0 cannot carry C0 control characters other than tab, newline and carriage return.
      .replace(CONTROL_CHARS, '')
  );
}

/** Checkstyle knows error, warning and info (and ignore). */
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** renderLintCheckstyle renders a lint run as checkstyle XML. */
export function renderLintCheckstyle(run: LintRun): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const file of run.files) {
    out += `  <file name="${escapeXml(file.file)}">\n`;
    for (const f of file.findings) {
      out +=
        `    <error line="${f.line}" column="${f.column}" severity="${LEVEL[f.severity]}" ` +
        `message="${escapeXml(f.message)}" source="${escapeXml(f.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return `${out}</checkstyle>\n`;
}
