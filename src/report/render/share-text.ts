/**
 * The human rendering of a share report: per image its bytes and how much it shares, the layers
 * shared by two or more images, and what a registry and a host save.
 */
import { escapeStrings } from '../format/escape.js';
import { shortDigest } from '../../model/digest.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { tableBlock } from './table-block.js';
import type { ShareReport } from '../share-report.js';

/** renderShareText renders `r` for a terminal. */
export function renderShareText(raw: ShareReport, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const lines: string[] = [s.bold('Images')];
  lines.push(
    tableBlock(
      [
        { header: '#', align: 'right' },
        { header: 'image' },
        { header: 'layers', align: 'right' },
        { header: 'compressed', align: 'right' },
        { header: 'uncompressed', align: 'right' },
        { header: 'shared', align: 'right' },
        { header: 'unique', align: 'right' },
      ],
      r.images.map((im, i) => [
        String(i),
        im.reference,
        String(im.layers),
        formatBytes(im.compressedBytes),
        formatBytes(im.uncompressedBytes),
        formatBytes(im.sharedCompressedBytes),
        formatBytes(im.uniqueCompressedBytes),
      ]),
      { indent: '  ', header: s.dim },
    ),
  );
  const shared = r.layers.filter((l) => l.images.length > 1);
  lines.push('', s.bold(`Shared layers (${shared.length})`));
  if (shared.length === 0) lines.push('  none');
  else {
    lines.push(
      tableBlock(
        [
          { header: 'layer' },
          { header: 'compressed', align: 'right' },
          { header: 'uncompressed', align: 'right' },
          { header: 'images' },
        ],
        shared.map((l) => [
          shortDigest(l.digest),
          formatBytes(l.size),
          formatBytes(l.uncompressedSize),
          l.images.join(', '),
        ]),
        { indent: '  ', header: s.dim },
      ),
    );
  }
  const line = (name: string, t: ShareReport['registry']) =>
    `  ${name}: ${formatBytes(t.unique)} stored instead of ${formatBytes(t.total)} — sharing saves ${formatBytes(t.saved)}`;
  lines.push(
    '',
    s.bold('Savings'),
    line('registry (blobs by digest, compressed)', r.registry),
    line('host (layers by ChainID, uncompressed)', r.host),
  );
  return `${lines.join('\n')}\n`;
}
