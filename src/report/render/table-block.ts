/**
 * tableBlock: a table rendered as a block of lines without its final newline, for renderers that
 * join sections with newlines themselves.
 */
import { renderTable, type Column, type TableOptions } from '../format/table.js';

/** tableBlock is renderTable without the trailing newline. */
export function tableBlock(columns: Column[], rows: string[][], opts: TableOptions = {}): string {
  return renderTable(columns, rows, opts).trimEnd();
}
