/**
 * The human rendering of an inspect report: a summary block (reference, digest, platform, runtime
 * settings), the build history as a table in which each layer's row carries its sizes and
 * empty-layer steps appear as rows without a layer, and the totals.
 */
import { escapeStrings } from '../format/escape.js';
import { shortDigest } from '../../model/digest.js';
import { displayCreatedBy } from '../format/created-by.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { truncate } from '../format/text.js';
import type { InspectLayer, InspectReport } from '../inspect-types.js';

/** InspectTextOptions tune the text rendering. */
export interface InspectTextOptions {
  style?: Style;
  /** widest the CREATED BY column may be; default 60 */
  createdByWidth?: number;
}

function summary(r: InspectReport, s: Style): string {
  const rows: [string, string][] = [
    ['Image', r.reference],
    ['Manifest', `${r.manifestDigest} (${r.mediaType})`],
    ['Platform', r.platform],
  ];
  if (r.index !== null) {
    const others = r.index.platforms.map((p) => {
      const name = p.platform ?? 'unknown';
      return p.selected ? s.bold(name) : name;
    });
    rows.push([
      'Index',
      `${shortDigest(r.index.digest)} (${r.index.platforms.length} manifests: ${others.join(', ')})`,
    ]);
  }
  if (r.created !== null) rows.push(['Created', r.created]);
  if (r.author !== null) rows.push(['Author', r.author]);
  const c = r.config;
  if (c.user !== null) rows.push(['User', c.user]);
  if (c.workdir !== null) rows.push(['Workdir', c.workdir]);
  if (c.entrypoint !== null) rows.push(['Entrypoint', JSON.stringify(c.entrypoint)]);
  if (c.cmd !== null) rows.push(['Cmd', JSON.stringify(c.cmd)]);
  c.env.forEach((e, i) => rows.push([i === 0 ? 'Env' : '', e]));
  if (c.ports.length > 0) rows.push(['Ports', c.ports.join(', ')]);
  if (c.volumes.length > 0) rows.push(['Volumes', c.volumes.join(', ')]);
  Object.entries(c.labels).forEach(([k, v], i) => rows.push([i === 0 ? 'Labels' : '', `${k}=${v}`]));
  if (c.healthcheck !== null) rows.push(['Healthcheck', JSON.stringify(c.healthcheck.test)]);
  if (c.stopSignal !== null) rows.push(['Stop signal', c.stopSignal]);
  const width = rows.reduce((w, [k]) => Math.max(w, k.length), 0);
  return rows.map(([k, v]) => `${s.bold(k.padEnd(width))}  ${v}`.trimEnd()).join('\n') + '\n';
}

function layerRow(l: InspectLayer, createdBy: string, width: number): string[] {
  return [
    String(l.index),
    truncate(createdBy, width),
    formatBytes(l.compressedSize),
    formatBytes(l.uncompressedSize),
    String(l.entries),
    shortDigest(l.digest),
  ];
}

/**
 * historyRows lists history steps in order, each layer in the row of the step that made it; layers
 * with no history entry (some tools write none) follow at the end.
 */
function historyRows(r: InspectReport, s: Style, width: number): string[][] {
  const rows: string[][] = [];
  const shown = new Set<number>();
  for (const h of r.history) {
    const layer = h.layerIndex === null ? undefined : r.layers[h.layerIndex];
    if (layer === undefined) {
      rows.push(['-', s.dim(truncate(displayCreatedBy(h.createdBy), width)), '', '', '', '']);
    } else {
      shown.add(layer.index);
      rows.push(layerRow(layer, displayCreatedBy(h.createdBy), width));
    }
  }
  for (const l of r.layers)
    if (!shown.has(l.index)) rows.push(layerRow(l, displayCreatedBy(l.createdBy), width));
  return rows;
}

/** renderInspectText renders a report for a terminal or a plain-text log. */
export function renderInspectText(raw: InspectReport, opts: InspectTextOptions = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const width = opts.createdByWidth ?? 60;
  const table = renderTable(
    [
      { header: 'LAYER', align: 'right' },
      { header: 'CREATED BY' },
      { header: 'SIZE', align: 'right' },
      { header: 'UNPACKED', align: 'right' },
      { header: 'ENTRIES', align: 'right' },
      { header: 'DIGEST' },
    ],
    historyRows(r, s, width),
    { header: s.bold },
  );
  const t = r.totals;
  const totals =
    `${s.bold('Total')}  ${t.layers} layers, ${formatBytes(t.compressedSize)} stored, ` +
    `${formatBytes(t.uncompressedSize)} unpacked, ${t.entries} entries\n`;
  return `${summary(r, s)}\n${table}\n${totals}`;
}
