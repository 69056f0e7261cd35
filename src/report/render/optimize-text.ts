/**
 * The human rendering of an optimize report: before → after (layers, stored and content bytes),
 * what was removed and why, stripped paths, and where each output layer came from.
 */
import { escapeStrings } from '../format/escape.js';
import { shortDigest } from '../../model/digest.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { tableBlock } from './table-block.js';
import type { OptimizeReport } from '../optimize-report.js';

/** renderOptimizeText renders `r` for a terminal. */
export function renderOptimizeText(raw: OptimizeReport, opts: { style?: Style; top?: number } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const top = opts.top ?? 20;
  const pct = (a: number, b: number) => (a === 0 ? '' : ` (${(((b - a) / a) * 100).toFixed(1)}%)`);
  const lines = [
    `${r.source} → ${r.destination}`,
    `  manifest ${r.manifestDigest}`,
    '',
    tableBlock(
      [
        { header: '' },
        { header: 'before', align: 'right' },
        { header: 'after', align: 'right' },
        { header: 'change', align: 'right' },
      ],
      [
        ['layers', String(r.before.layers), String(r.after.layers), ''],
        [
          'stored (compressed)',
          formatBytes(r.before.compressedBytes),
          formatBytes(r.after.compressedBytes),
          pct(r.before.compressedBytes, r.after.compressedBytes).trim(),
        ],
        [
          'file bytes in layers',
          formatBytes(r.before.layerFileBytes),
          formatBytes(r.after.layerFileBytes),
          pct(r.before.layerFileBytes, r.after.layerFileBytes).trim(),
        ],
      ],
      { indent: '  ', header: s.dim },
    ),
    '',
    `  removed: ${r.removed.superseded.files} overwritten/deleted file versions (${formatBytes(r.removed.superseded.bytes)}), ` +
      `${r.removed.strip.files} stripped files (${formatBytes(r.removed.strip.bytes)}), ${r.removed.entries} tar entries in all`,
  ];
  if (r.materialised.files > 0)
    lines.push(
      `  ${r.materialised.files} hard links became files (${formatBytes(r.materialised.bytes)}) because their target was removed`,
    );
  if (r.strippedPaths.length > 0) {
    lines.push('', s.bold(`Stripped paths (${r.strippedPaths.length})`));
    for (const p of r.strippedPaths.slice(0, top)) lines.push(`  - ${p}`);
    if (r.strippedPaths.length > top) lines.push(s.dim(`  … ${r.strippedPaths.length - top} more`));
  }
  lines.push('', s.bold('Layers'));
  lines.push(
    tableBlock(
      [
        { header: '#', align: 'right' },
        { header: 'from source' },
        { header: '' },
        { header: 'digest' },
        { header: 'size', align: 'right' },
      ],
      r.layers.map((l) => [
        String(l.index),
        l.sources.join(', '),
        l.reused ? s.dim('reused') : s.green('rewritten'),
        shortDigest(l.digest),
        formatBytes(l.size),
      ]),
      { indent: '  ', header: s.dim },
    ),
  );
  return `${lines.join('\n')}\n`;
}
