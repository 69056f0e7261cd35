/**
 * Human-readable byte sizes with decimal (SI) units, as `docker images` prints them: 999 B, 12.3 MB.
 * Imports nothing, so the explorer's browser client can share it.
 */

const UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'];

/** formatBytes renders a byte count as `123 B`, `12.3 MB`, `1.0 GB` (powers of 1000). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1000) return `${sign}${v} B`;
  let unit = -1;
  while (v >= 999.95 && unit < UNITS.length - 1) {
    v /= 1000;
    unit++;
  }
  return `${sign}${v.toFixed(1)} ${UNITS[unit]}`;
}
