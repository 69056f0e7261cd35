/**
 * Plain-text tables with aligned columns. Cells may hold ANSI styling; widths count only what is
 * visible. Callers truncate long cells themselves (see text.ts).
 */
import { visibleWidth } from './style.js';

/** Column describes one table column. */
export interface Column {
  header: string;
  /** right-align numbers; default left */
  align?: 'left' | 'right';
}

/** TableOptions tune rendering. */
export interface TableOptions {
  /** styles the header row, e.g. Style.bold */
  header?: (s: string) => string;
  /** spaces between columns; default 2 */
  gap?: number;
  /** prefix of every line; default '' */
  indent?: string;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** renderTable lays out a header and rows; trailing spaces are trimmed from every line. */
export function renderTable(columns: Column[], rows: string[][], opts: TableOptions = {}): string {
  // a loop, not Math.max(...rows): a spread of 250,000 rows overflows the call stack
  const widths = columns.map((c, i) => {
    let width = visibleWidth(c.header);
    for (const r of rows) width = Math.max(width, visibleWidth(r[i] ?? ''));
    return width;
  });
  const gap = ' '.repeat(opts.gap ?? 2);
  const indent = opts.indent ?? '';
  const line = (cells: string[]): string =>
    (
      indent + columns.map((c, i) => pad(cells[i] ?? '', widths[i] ?? 0, c.align ?? 'left')).join(gap)
    ).trimEnd();
  const headerStyle = opts.header ?? ((s: string) => s);
  const head =
    indent + columns.map((c, i) => headerStyle(pad(c.header, widths[i] ?? 0, c.align ?? 'left'))).join(gap);
  return [head.trimEnd(), ...rows.map(line)].join('\n') + '\n';
}
