/**
 * The human rendering of a waste report: the reclaimable total, the split by reason, the
 * instructions that hold and cause waste, the top paths with why each copy is waste, duplicate
 * content, and dive's numbers in a section of their own, labelled as dive's.
 */
import { escapeStrings } from '../format/escape.js';
import type { KillReason } from '../../filetree/kill-log.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { truncate } from '../format/text.js';
import type { WasteDocument } from '../waste-report.js';

const REASON_WORDS: Record<KillReason, string> = {
  overwritten: 'overwritten',
  'metadata-only': 'metadata-only copies',
  deleted: 'deleted',
  hidden: 'hidden by opaque dirs',
};

/** percent renders a ratio as `12.3%`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** renderWasteHeadline is the one-paragraph summary shared by `waste` and `analyze`. */
export function renderWasteHeadline(r: WasteDocument, s: Style): string {
  const t = r.totals;
  let out =
    `${s.bold('Reclaimable')}  ${s.red(formatBytes(t.reclaimableBytes))} in ${t.wastedFiles} file versions: ` +
    `${percent(t.reclaimableRatio)} of the ${formatBytes(t.layerFileBytes)} of file content stored in the layers ` +
    `(the final filesystem shows ${formatBytes(t.finalFileBytes)}; a squash would remove the rest)\n`;
  const reasons = (Object.keys(REASON_WORDS) as KillReason[])
    .filter((k) => r.byReason[k].files > 0)
    .map((k) => `${REASON_WORDS[k]} ${formatBytes(r.byReason[k].bytes)} (${r.byReason[k].files})`);
  if (reasons.length > 0) out += `${s.bold('By reason')}    ${reasons.join(', ')}\n`;
  return out;
}

/** renderDiveNumbers shows dive's three numbers, labelled. */
export function renderDiveNumbers(r: WasteDocument, s: Style): string {
  const d = r.dive;
  const user = d.userWastedRatio === null ? 'n/a (one layer)' : percent(d.userWastedRatio);
  return (
    `${s.bold("dive's numbers")} ${s.dim('(computed the way dive does; the surviving copy counts as waste)')}\n` +
    `  efficiency ${percent(d.efficiency)}, wasted ${formatBytes(d.wastedBytes)}, ` +
    `user wasted ${user} of ${formatBytes(d.userSizeBytes)} above layer 0, ${d.inefficientPaths} inefficient paths\n`
  );
}

/** renderWasteText renders a waste report for a terminal or a log. */
export function renderWasteText(raw: WasteDocument, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  let out = `${s.bold('Image')}        ${r.reference}\n${renderWasteHeadline(r, s)}`;
  if (r.byInstruction.length > 0) {
    out += `\n${s.bold('By instruction')} ${s.dim('(caused: bytes it overwrote, deleted or hid; held: its own bytes that ended up wasted)')}\n`;
    out += renderTable(
      [
        { header: 'LAYERS' },
        { header: 'INSTRUCTION' },
        { header: 'CAUSED', align: 'right' },
        { header: 'HELD', align: 'right' },
      ],
      r.byInstruction.map((i) => [
        i.layers.join(','),
        truncate(i.instruction, 60),
        formatBytes(i.caused.bytes),
        formatBytes(i.wasted.bytes),
      ]),
      { header: s.bold, indent: '  ' },
    );
  }
  if (r.topPaths.length > 0) {
    out += `\n${s.bold('Top paths')}\n`;
    for (const p of r.topPaths) {
      out += `  ${formatBytes(p.bytes).padStart(9)}  ${p.path}\n`;
      for (const v of p.versions)
        out += s.dim(`             layer ${v.layer}, ${formatBytes(v.size)}: ${v.why}\n`);
    }
  }
  const dup = r.duplicates;
  if (dup.groupCount > 0) {
    out +=
      `\n${s.bold('Duplicates')}  ${dup.groupCount} contents stored more than once among visible files, ` +
      `${formatBytes(dup.reclaimableBytes)} reclaimable by keeping one copy (${dup.crossLayerGroups} across layers)\n`;
    for (const g of dup.groups.slice(0, 10)) {
      out +=
        `  ${formatBytes(g.reclaimableBytes).padStart(9)}  ${g.copies} copies of ${formatBytes(g.size)}: ` +
        `${g.paths.map((p) => `${p.path} (layer ${p.layer})`).join(', ')}\n`;
    }
  }
  return `${out}\n${renderDiveNumbers(r, s)}`;
}
