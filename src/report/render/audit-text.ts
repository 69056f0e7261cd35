/**
 * The human audit report: a header naming the image, each finding as a block (severity, rule,
 * where — path or config field, layer and step — the redacted excerpt and the fix), then counts.
 * Findings at `info` are collapsed into one line per rule unless `verbose` is set.
 */
import { escapeStrings } from '../format/escape.js';
import type { AuditFinding, AuditSeverity } from '../../analysis/secrets/types.js';
import type { AuditReport } from '../audit-types.js';
import { displayCreatedBy } from '../format/created-by.js';
import { formatBytes } from '../format/size.js';
import type { Style } from '../format/style.js';
import { truncate } from '../format/text.js';

/** AuditTextOptions tune the text renderer. */
export interface AuditTextOptions {
  style: Style;
  /** show every info finding instead of one line per rule */
  verbose?: boolean;
}

function paint(style: Style, s: AuditSeverity): (t: string) => string {
  return s === 'error' ? style.red : s === 'warning' ? style.yellow : s === 'low' ? style.cyan : style.dim;
}

function where(f: AuditFinding): string {
  if (f.source === 'layer' && f.path !== null) return `/${f.path}${f.line !== null ? `:${f.line}` : ''}`;
  return f.path ?? 'image';
}

function block(f: AuditFinding, style: Style): string {
  const sev = paint(style, f.severity);
  let out = `${sev(f.severity.toUpperCase().padEnd(7))} ${style.bold(f.ruleId)}  ${where(f)}\n`;
  out += `        ${f.message}\n`;
  const facts: string[] = [];
  if (f.layer !== null) facts.push(`layer ${f.layer.index} (${f.layer.digest.slice(0, 19)}…)`);
  if (f.visible === false) facts.push(style.yellow('not in the final filesystem'));
  if (f.excerpt !== null) facts.push(`excerpt ${f.excerpt}`);
  if (f.size !== null && f.category === 'risk') facts.push(formatBytes(f.size));
  if (facts.length > 0) out += `        ${facts.join(' · ')}\n`;
  if (f.instruction !== null)
    out += `        ${style.dim('step')} ${truncate(displayCreatedBy(f.instruction), 100)}\n`;
  out += `        ${style.dim('fix')}  ${f.fix}\n`;
  return out;
}

/** renderAuditText renders an audit report for a terminal. */
export function renderAuditText(raw: AuditReport, opts: AuditTextOptions): string {
  const report = escapeStrings(raw);
  const { style } = opts;
  const s = report.summary;
  let out = `${style.bold('Audit of')} ${report.image.reference} (${report.image.platform}, ${report.image.manifestDigest.slice(0, 19)}…)\n`;
  out += `${s.layers} layers · ${s.filesScanned} files scanned (${formatBytes(s.bytesScanned)}), ${s.binarySkipped} binaries skipped, ${s.truncated} truncated · setuid ${s.setuid}, setgid ${s.setgid}\n\n`;
  const collapsed = new Map<string, AuditFinding[]>();
  for (const f of report.findings) {
    if (f.severity === 'info' && opts.verbose !== true) {
      collapsed.set(f.ruleId, [...(collapsed.get(f.ruleId) ?? []), f]);
      continue;
    }
    out += `${block(f, style)}\n`;
  }
  for (const [rule, list] of collapsed) {
    const paths = list.map((f) => (f.path === null ? '' : `/${f.path}`)).filter(Boolean);
    const shown = paths.length > 0 ? `: ${truncate(paths.join(', '), 100)}` : `: ${list[0]?.message ?? ''}`;
    out += `${style.dim('INFO   ')} ${style.bold(rule)} ×${list.length}${shown}\n`;
  }
  if (collapsed.size > 0) out += '\n';
  const counts = (['error', 'warning', 'low', 'info'] as const).map((k) =>
    paint(style, k)(`${s.bySeverity[k]} ${k}`),
  );
  out += `${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts.join(', ')}; ${s.secrets} secrets, ${s.risks} risks)`;
  if (s.suppressed > 0) out += `, ${s.suppressed} allowlisted`;
  out +=
    report.failOn === 'none'
      ? '\n'
      : report.failed
        ? ` — ${style.red(`FAILED (--fail-on ${report.failOn})`)}\n`
        : ` — passed (--fail-on ${report.failOn})\n`;
  return out;
}
