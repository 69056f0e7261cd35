/**
 * The human rendering of a check report: what was judged, one line per rule (PASS / FAIL / SKIP),
 * the heaviest judged waste, and the verdict.
 */
import { escapeStrings } from '../format/escape.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import type { CheckDocument } from '../check-report.js';
import type { CheckRuleResult } from '../../analysis/check/evaluate-check.js';
import { percent } from './waste-text.js';

/** formatLimit renders a rule's value in its unit. */
export function formatLimit(unit: CheckRuleResult['unit'], n: number | null): string {
  if (n === null) return '-';
  if (unit === 'bytes') return formatBytes(n);
  if (unit === 'ratio') return percent(n);
  if (unit === 'percent') return `${n.toFixed(1)}%`;
  return String(n);
}

/** renderCheckText renders a check report. */
export function renderCheckText(raw: CheckDocument, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const m = r.metrics;
  let out = `${s.bold('Image')}   ${r.reference}\n`;
  out += `${s.bold('Config')}  ${r.configFiles.length > 0 ? r.configFiles.join(', ') : 'none (default: minEfficiency 0.9)'}\n`;
  out +=
    r.base.layers > 0
      ? `${s.bold('Base')}    ${r.base.reference ?? ''} (${r.base.source}): layers 0–${r.base.layers - 1} not judged\n`
      : `${s.bold('Base')}    ${r.base.reference === null ? 'none named: every layer is judged' : `${r.base.reference} (${r.base.source}) shares no layer: every layer is judged`}\n`;
  if (r.ignore.length > 0) out += `${s.bold('Ignore')}  ${r.ignore.join(', ')}\n`;
  for (const w of r.warnings) out += s.yellow(`warning: ${w}\n`);
  out +=
    `\n${s.bold('Measured')}  efficiency ${percent(m.efficiency)}, reclaimable ${formatBytes(m.reclaimableBytes)} of ` +
    `${formatBytes(m.judgedBytes)} judged, ${m.layers} layers, ${formatBytes(m.compressedSize)} stored, ` +
    `${formatBytes(m.uncompressedSize)} of layer content\n`;
  out +=
    `${s.bold("dive's")}    efficiency ${percent(m.dive.efficiency)}, wasted ${formatBytes(m.dive.wastedBytes)}, ` +
    `user wasted ${m.dive.userWastedRatio === null ? 'n/a' : percent(m.dive.userWastedRatio)}\n\n`;
  for (const rule of r.rules) {
    const tag =
      rule.status === 'pass' ? s.green('PASS') : rule.status === 'fail' ? s.red('FAIL') : s.dim('SKIP');
    const detail =
      rule.status === 'skip'
        ? 'disabled'
        : `${formatLimit(rule.unit, rule.actual)} (limit ${formatLimit(rule.unit, rule.limit)})`;
    out += `  ${tag}  ${rule.id.padEnd(29)} ${detail}\n`;
  }
  if (!r.passed && r.topWaste.length > 0) {
    out += `\n${s.bold('Largest judged waste')}\n`;
    for (const w of r.topWaste.slice(0, 5))
      out += `  ${formatBytes(w.bytes).padStart(9)}  ${w.path}: ${w.why}\n`;
  }
  const counts = (st: string) => r.rules.filter((x) => x.status === st).length;
  const verdict = `${r.passed ? 'PASS' : 'FAIL'}: ${counts('pass')} passed, ${counts('fail')} failed, ${counts('skip')} skipped`;
  return `${out}\n${r.passed ? s.green(s.bold(verdict)) : s.red(s.bold(verdict))}\n`;
}
