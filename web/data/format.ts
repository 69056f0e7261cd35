/**
 * Formatting for the explorer: byte sizes and permission strings exactly as the CLI prints them
 * (shared with it), and instructions shortened for one line.
 */
import { ENTRY_TYPES } from '../../src/report/explore-types.js';
import { modeString as cliModeString } from '../../src/report/format/mode.js';

export { formatBytes } from '../../src/report/format/size.js';

/** modeString prints an event's type code and mode as `drwxr-xr-x`. */
export function modeString(typeCode: number, mode: number): string {
  return cliModeString(ENTRY_TYPES[typeCode] ?? 'file', mode);
}

/** instructionText strips the legacy builder's `/bin/sh -c #(nop) ` prefix from a created_by. */
export function instructionText(createdBy: string | null): string {
  if (createdBy === null || createdBy === '') return '(no history)';
  return createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ');
}
