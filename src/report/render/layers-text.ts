/**
 * The human rendering of a layers report: one table row per layer (instruction, stored bytes,
 * added/modified/deleted counts, bytes hidden below), then each layer's largest changes.
 */
import { escapeStrings } from '../format/escape.js';
import { displayCreatedBy } from '../format/created-by.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { truncate } from '../format/text.js';
import type { LayerChange, LayersReport, LayerSummary } from '../layers-report.js';

/** changeMark is the one-character sigil of a change kind: + added, ~ modified, - deleted, × hidden. */
export function changeMark(c: Pick<LayerChange, 'kind'>, s: Style): string {
  switch (c.kind) {
    case 'added':
      return s.green('+');
    case 'modified':
      return s.yellow('~');
    case 'deleted':
      return s.red('-');
    default:
      return s.red('×');
  }
}

/** describeChange is `12.3 kB  path (metadata only)`. */
export function describeChange(c: LayerChange): string {
  const note =
    c.modification === 'metadata'
      ? ' (metadata only)'
      : c.kind === 'hidden'
        ? ' (hidden by opaque dir)'
        : c.type === 'hardlink'
          ? ' (hard link, no bytes stored)'
          : '';
  return `${formatBytes(c.size).padStart(9)}  ${c.path}${note}`;
}

/** renderLayersTable renders the per-layer table shared by `layers` and `analyze`. */
export function renderLayersTable(layers: LayerSummary[], s: Style, width = 48): string {
  const rows = layers.map((l) => [
    String(l.index),
    truncate(displayCreatedBy(l.createdBy), width),
    formatBytes(l.compressedSize),
    formatBytes(l.fileBytes),
    l.added.count > 0 ? s.green(`+${l.added.count}`) : '0',
    l.modified.count > 0 ? s.yellow(`~${l.modified.count}`) : '0',
    l.deleted.count + l.hidden.count > 0 ? s.red(`-${l.deleted.count + l.hidden.count}`) : '0',
    l.hidesBytes > 0 ? s.red(formatBytes(l.hidesBytes)) : '0 B',
  ]);
  return renderTable(
    [
      { header: 'LAYER', align: 'right' },
      { header: 'CREATED BY' },
      { header: 'SIZE', align: 'right' },
      { header: 'CONTENT', align: 'right' },
      { header: 'ADDED', align: 'right' },
      { header: 'MODIFIED', align: 'right' },
      { header: 'DELETED', align: 'right' },
      { header: 'HIDES BELOW', align: 'right' },
    ],
    rows,
    { header: s.bold },
  );
}

/** renderLayersText renders a layers report for a terminal or a log. */
export function renderLayersText(raw: LayersReport, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  let out = `${s.bold('Image')}  ${r.reference}\n\n${renderLayersTable(r.layers, s)}`;
  out +=
    `\n${s.bold('Total')}  ${r.totals.layers} layers, ${formatBytes(r.totals.compressedSize)} stored, ` +
    `${formatBytes(r.totals.fileBytes)} of file content, ${r.totals.entries} entries\n`;
  for (const l of r.layers) {
    if (l.largest.length === 0) continue;
    const m = l.modified;
    const detail = m.count > 0 ? ` (${m.content} content, ${m.metadata} metadata only)` : '';
    out += `\n${s.bold(`Layer ${l.index}`)}  ${truncate(displayCreatedBy(l.createdBy), 70)}\n`;
    out += s.dim(
      `  ${l.added.count} added, ${m.count} modified${detail}, ${l.deleted.count} deleted, ${l.hidden.count} hidden\n`,
    );
    for (const c of l.largest) out += `  ${changeMark(c, s)} ${describeChange(c)}\n`;
  }
  return out;
}
