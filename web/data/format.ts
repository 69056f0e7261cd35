/**
 * Formatting for the explorer: byte sizes as the CLI prints them (decimal units), permission strings
 * like `ls -l`, and instructions shortened for one line.
 */
import { ENTRY_TYPES } from '../../src/report/explore-types.js';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** formatBytes prints 1234567 as `1.2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${UNITS[u]}`;
}

const TYPE_CHAR: Record<string, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  char: 'c',
  block: 'b',
  fifo: 'p',
};

/** modeString prints a type code and mode as `drwxr-xr-x` (setuid/setgid/sticky included). */
export function modeString(typeCode: number, mode: number): string {
  const t = TYPE_CHAR[ENTRY_TYPES[typeCode] ?? 'file'] ?? '?';
  const bit = (b: number, c: string) => ((mode & b) !== 0 ? c : '-');
  const x = (b: number, special: number, on: string, off: string) =>
    (mode & special) !== 0 ? ((mode & b) !== 0 ? on : off) : bit(b, 'x');
  return (
    t +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    x(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    x(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    x(0o001, 0o1000, 't', 'T')
  );
}

/** instructionText strips the legacy builder's `/bin/sh -c #(nop) ` prefix from a created_by. */
export function instructionText(createdBy: string | null): string {
  if (createdBy === null || createdBy === '') return '(no history)';
  return createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ');
}
