/**
 * The human rendering of a trace report: one line per layer that touched the path, the final state,
 * and for directories a table of what each layer changed below it.
 */
import { escapeStrings } from '../format/escape.js';
import { displayCreatedBy } from '../format/created-by.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { truncate } from '../format/text.js';
import type { TraceDocument } from '../trace-report.js';
import { changeMark } from './layers-text.js';
import { modeString } from '../format/mode.js';

/** renderTraceText renders a trace report. */
export function renderTraceText(raw: TraceDocument, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  let out = `${s.bold('Image')}  ${r.reference}\n${s.bold('Path')}   ${r.path}\n\n`;
  if (r.events.length === 0) out += 'No layer touched this path.\n';
  for (const e of r.events) {
    const how =
      e.kind === 'modified'
        ? e.modification === 'metadata'
          ? `modified (metadata only: ${e.fields.join(', ') || 'identical copy'})`
          : 'modified (content)'
        : e.kind === 'hidden'
          ? 'hidden by an opaque directory'
          : e.kind;
    out += `${changeMark(e, s)} layer ${String(e.layer).padStart(2)}  ${how}, ${e.type}, ${formatBytes(e.size)}\n`;
    out += s.dim(`             ${truncate(displayCreatedBy(e.createdBy), 90)}\n`);
  }
  const f = r.final;
  out += '\n';
  out +=
    f === null
      ? `${s.bold('Final')}  not present in the final filesystem\n`
      : `${s.bold('Final')}  ${modeString(f.type, f.mode)} ${f.uid}:${f.gid} ${formatBytes(f.size)} from layer ${f.layer}` +
        `${f.linkTarget === null ? '' : ` -> ${f.linkTarget}`}${f.contentHash === null ? '' : `  ${f.contentHash}`}\n`;
  if (r.below.length > 0) {
    out += `\n${s.bold('Below this path')}\n`;
    out += renderTable(
      [
        { header: 'LAYER', align: 'right' },
        { header: 'CREATED BY' },
        { header: 'ADDED', align: 'right' },
        { header: 'MODIFIED', align: 'right' },
        { header: 'DELETED', align: 'right' },
        { header: 'BYTES', align: 'right' },
      ],
      r.below.map((b) => [
        String(b.layer),
        truncate(displayCreatedBy(b.createdBy), 50),
        String(b.added),
        String(b.modified),
        String(b.deleted),
        formatBytes(b.bytes),
      ]),
      { header: s.bold, indent: '  ' },
    );
  }
  return out;
}
