/**
 * The human rendering of a diff report: layers shared and to pull, the per-index alignment, file
 * changes (+ added, - removed, ~ content, m metadata only) with size deltas, config and history.
 */
import { escapeStrings } from '../format/escape.js';
import { shortDigest } from '../../model/digest.js';
import type { DiffReport } from '../diff-report.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { tableBlock } from './table-block.js';

/** DiffTextOptions tune the rendering. */
export interface DiffTextOptions {
  style?: Style;
  /** file changes listed (default all) */
  top?: number;
}

const signed = (n: number): string => (n > 0 ? `+${formatBytes(n)}` : n < 0 ? `-${formatBytes(-n)}` : '0 B');

/** renderDiffText renders `r` for a terminal. */
export function renderDiffText(raw: DiffReport, opts: DiffTextOptions = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const lines: string[] = [];
  lines.push(
    `${s.bold('A')} ${r.referenceA}  ${shortDigest(r.a.manifestDigest)}  ${r.a.layers} layers  ${formatBytes(r.a.bytes)}`,
  );
  lines.push(
    `${s.bold('B')} ${r.referenceB}  ${shortDigest(r.b.manifestDigest)}  ${r.b.layers} layers  ${formatBytes(r.b.bytes)}`,
  );
  if (r.identical) {
    lines.push('', 'The images are identical: same layers, files, config and history.');
    return `${lines.join('\n')}\n`;
  }
  const L = r.layers;
  lines.push(
    '',
    s.bold('Layers'),
    `  shared by digest: ${L.sharedByDigest.length}, by diff_id: ${L.sharedByDiffId.length}, common base: ${L.commonBaseLayers} layer${L.commonBaseLayers === 1 ? '' : 's'}`,
    `  a host holding A pulls ${L.layersToPull} layers, ${formatBytes(L.bytesToPull)} to get B`,
  );
  const rows = L.alignment.map((a) => [
    String(a.index),
    a.a ? shortDigest(a.a.digest) : '',
    a.b ? shortDigest(a.b.digest) : '',
    a.match,
  ]);
  lines.push(
    tableBlock(
      [{ header: '#', align: 'right' }, { header: 'A' }, { header: 'B' }, { header: 'match' }],
      rows,
      { indent: '  ', header: s.dim },
    ),
  );
  const F = r.files;
  lines.push(
    '',
    s.bold('Files'),
    `  ${F.added} added, ${F.removed} removed, ${F.changedContent} changed content, ${F.changedMetadata} changed metadata only; ${signed(F.sizeDelta)}`,
  );
  const mark = (c: DiffReport['files']['changes'][number]) =>
    c.kind === 'added'
      ? s.green('+')
      : c.kind === 'removed'
        ? s.red('-')
        : c.change === 'content'
          ? s.yellow('~')
          : s.cyan('m');
  for (const c of F.changes.slice(0, opts.top ?? F.changes.length)) {
    const fields = c.fields !== undefined ? `  (${c.fields.join(', ')})` : '';
    lines.push(`  ${mark(c)} ${signed(c.sizeDelta).padStart(10)}  ${c.path}${fields}`);
  }
  if (opts.top !== undefined && F.changes.length > opts.top)
    lines.push(s.dim(`  … ${F.changes.length - opts.top} more`));
  const C = r.config;
  if (C.changes.length > 0) {
    lines.push('', s.bold('Config'));
    for (const c of C.changes)
      lines.push(`  ${c.field}: ${c.a ?? s.dim('(none)')} → ${c.b ?? s.dim('(none)')}`);
  }
  if (C.history.onlyA.length + C.history.onlyB.length > 0) {
    lines.push('', s.bold('History'), `  ${C.history.common} steps in common`);
    for (const h of C.history.onlyA) lines.push(`  ${s.red('-')} A#${h.index} ${h.createdBy}`);
    for (const h of C.history.onlyB) lines.push(`  ${s.green('+')} B#${h.index} ${h.createdBy}`);
  }
  return `${lines.join('\n')}\n`;
}
