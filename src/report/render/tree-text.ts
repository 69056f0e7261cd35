/**
 * The human rendering of a tree report: `ls -l`-like columns (mode, owner, size, layer) followed by
 * the path drawn as a tree; in a layer's view each line starts with its change mark.
 */
import { escapeStrings } from '../format/escape.js';
import { formatBytes } from '../format/size.js';
import { modeString, TYPE_CHAR } from '../format/mode.js';
import { plainStyle, type Style } from '../format/style.js';
import type { TreeDocument, TreeNodeJson } from '../tree-report.js';
import { changeMark } from './layers-text.js';

function label(n: TreeNodeJson, s: Style): string {
  const name = n.type === 'dir' ? s.bold(`${n.name}/`) : n.name;
  const link =
    n.linkTarget === null ? '' : n.type === 'hardlink' ? ` => ${n.linkTarget}` : ` -> ${n.linkTarget}`;
  const note = n.modification === 'metadata' ? s.dim(' (metadata only)') : '';
  return n.context ? s.dim(name) : `${name}${link}${note}`;
}

/** renderTreeText renders a tree report. */
export function renderTreeText(raw: TreeDocument, opts: { style?: Style } = {}): string {
  const r = escapeStrings(raw);
  const s = opts.style ?? plainStyle;
  const title = r.view === 'merged' ? 'merged filesystem' : `changes of layer ${r.layer}`;
  let out = `${s.bold('Image')}  ${r.reference} — ${title}\n`;
  // `last[d]` says whether the latest node seen at depth d is its parent's last shown child
  const last: boolean[] = [];
  r.nodes.forEach((n, i) => {
    let isLast = true;
    for (let j = i + 1; j < r.nodes.length; j++) {
      const d = (r.nodes[j] as TreeNodeJson).depth;
      if (d < n.depth) break;
      if (d === n.depth) {
        isLast = false;
        break;
      }
    }
    last[n.depth] = isLast;
    let prefix = '';
    for (let d = 2; d <= n.depth; d++)
      prefix += d === n.depth ? (isLast ? '└── ' : '├── ') : last[d] ? '    ' : '│   ';
    const size = n.type === 'dir' ? n.totalSize : n.size;
    const mark = r.view === 'layer' ? `${n.change === null ? ' ' : changeMark({ kind: n.change }, s)} ` : '';
    const cols = n.context
      ? s.dim(`${''.padEnd(10)}  ${''.padEnd(9)}  ${formatBytes(size).padStart(9)}  ${''.padStart(3)}`)
      : `${n.mode === null ? `${(TYPE_CHAR[n.type] ?? '-').padEnd(10)}` : modeString(n.type, n.mode)}  ${(n.uid === null ? '' : `${n.uid}:${n.gid}`).padEnd(9)}  ${formatBytes(size).padStart(9)}  ${`L${n.layer}`.padStart(3)}`;
    out += `${mark}${cols}  ${s.dim(prefix)}${label(n, s)}\n`;
  });
  const t = r.totals;
  return `${out}${s.bold('Total')}  ${t.nodes} paths, ${t.files} files, ${formatBytes(t.bytes)}\n`;
}
