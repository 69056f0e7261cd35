/**
 * The human rendering of an analyze report: what the image is and runs, the layer table, the waste
 * headline with its largest items, dive's numbers, and the commands to dig further.
 */
import { escapeStrings } from '../format/escape.js';
import type { AnalyzeDocument } from '../analyze-report.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderLayersTable } from './layers-text.js';
import { renderDiveNumbers, renderWasteHeadline } from './waste-text.js';

/** renderAnalyzeText renders the newcomer's summary. */
export function renderAnalyzeText(raw: AnalyzeDocument, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const i = r.image;
  const c = i.config;
  const rows: [string, string][] = [
    ['Image', r.reference],
    ['Manifest', r.manifestDigest],
    ['Platform', i.platform],
  ];
  if (i.created !== null) rows.push(['Created', i.created]);
  const runs = [...(c.entrypoint ?? []), ...(c.cmd ?? [])];
  if (runs.length > 0) rows.push(['Runs', JSON.stringify(runs)]);
  rows.push(['User', c.user === null || c.user === '' ? s.yellow('root (no USER set)') : c.user]);
  if (c.workdir !== null) rows.push(['Workdir', c.workdir]);
  if (c.ports.length > 0) rows.push(['Ports', c.ports.join(', ')]);
  rows.push([
    'Size',
    `${formatBytes(r.totals.compressedSize)} stored in ${r.totals.layers} layers; the final filesystem has ` +
      `${i.finalTree.files} files, ${formatBytes(i.finalTree.fileBytes)}`,
  ]);
  const width = rows.reduce((w, [k]) => Math.max(w, k.length), 0);
  let out = rows.map(([k, v]) => `${s.bold(k.padEnd(width))}  ${v}`).join('\n') + '\n';
  out += `\n${s.bold('Layers')}\n${renderLayersTable(r.layers, s)}`;
  const w = r.waste;
  out += `\n${renderWasteHeadline({ ...w, schema: 'stowage.waste/v1', reference: r.reference, manifestDigest: r.manifestDigest, byLayer: [] }, s)}`;
  if (w.topPaths.length > 0) {
    out += `${s.bold('Largest waste')}\n`;
    for (const p of w.topPaths) {
      const why = p.versions[p.versions.length - 1]?.why ?? '';
      out += `  ${formatBytes(p.bytes).padStart(9)}  ${p.path}\n${s.dim(`             ${why}`)}\n`;
    }
  }
  if (w.duplicates.groupCount > 0) {
    out += `${s.bold('Duplicates')}  ${w.duplicates.groupCount} contents stored more than once, ${formatBytes(w.duplicates.reclaimableBytes)} reclaimable\n`;
  }
  out += `\n${renderDiveNumbers({ ...w, schema: 'stowage.waste/v1', reference: r.reference, manifestDigest: r.manifestDigest, byLayer: [] }, s)}`;
  out += s.dim(
    `\nMore: stowage layers | tree [--layer N] | trace IMAGE PATH | waste | check  (each takes --format json)\n`,
  );
  return out;
}
